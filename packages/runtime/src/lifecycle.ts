import { ConfigError } from './config.ts';
import type { Logger } from './logger.ts';
import { isStartupError } from './startup/startup-error.ts';
import { startTracing } from './tracing/start-tracing.ts';

export interface Running {
  stop(): Promise<void>;
}

/**
 * Runs a process: starts it, and on SIGTERM/SIGINT stops it (stop intake, finish in-flight work,
 * drain) within `shutdownTimeoutMs`, then exits. A start-up failure exits 1. With an OTLP
 * endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`) its traces are exported as `service`, and the last of
 * them flushed before it exits.
 */
export async function runProcess(opts: {
  logger: Logger;
  shutdownTimeoutMs: number;
  start: () => Promise<Running>;
  service?: string;
}): Promise<void> {
  const { logger } = opts;
  const tracing = await startTracing({
    service: opts.service ?? 'seed',
    endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
    logger,
  });
  let running: Running;
  try {
    running = await opts.start();
  } catch (err) {
    // A server out of reach is an operator's problem, said in one line without a stack.
    if (isStartupError(err)) logger.fatal({ server: err.server, target: err.target, reason: err.reason }, err.message);
    else logger.fatal({ err }, 'start-up failed');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, opts.shutdownTimeoutMs);
    timer.unref();
    try {
      await running.stop();
      await tracing.shutdown();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Loads config or exits naming what is wrong (before a logger exists). */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
