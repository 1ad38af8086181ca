import { fileURLToPath } from 'node:url';
import type { Registry } from '@seed/contracts';
import { type AppOptions, createApp, type GatewayApp } from '@seed/gateway';
import { loadConfig } from '@seed/gateway/config';
import { connectNats, createLogger, createRedis, type Logger } from '@seed/runtime';
import { type NodeProcess, spawnNode } from './processes.ts';
import { closeRedis } from './redis.ts';
import type { Env, TestWorld } from './services.ts';

export interface TestGatewayOptions {
  /** Gateway settings (`RATE_LIMIT_MAX`, `CORS_ORIGINS`…) on top of the test defaults. */
  env?: Env;
  /** Names the replica in shared state (presence, playco sessions). */
  replicaId?: string;
  /** Contracts to serve instead of the platform's (a test's own service). */
  registry?: Registry;
  sockets?: AppOptions['sockets'];
  playco?: AppOptions['playco'];
  /** The legacy protocols' options (REWIND's heartbeat, `/playco_ws` idle time). */
  legacy?: AppOptions['legacy'];
  /** Where the gateway logs, for a test that reads its lines (LOG_LEVEL does not apply). */
  logger?: Logger;
}

export interface TestGateway {
  url: string;
  port: number;
  replicaId: string;
  /** The app itself, for a gateway in this process. */
  app: GatewayApp;
  stop(): Promise<void>;
}

export interface TestGatewayProcess {
  url: string;
  port: number;
  replicaId: string;
  process: NodeProcess;
  /** Ends the process with SIGKILL, as a crash would: nothing cleans up. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** In a child process only: everything but `registry`, which comes from a module exporting `registry`. */
export type TestGatewayProcessOptions = Omit<TestGatewayOptions, 'registry' | 'logger'> & {
  registryModule?: string | URL;
};

const settings = (world: TestWorld, env: Env | undefined): Env => ({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  REDIS_URL: world.redisUrl,
  ...env,
  NATS_URL: world.natsUrl,
});

let replicas = 0;

/** The real gateway in this process on a free loopback port, with NATS and Redis clients of its own. */
export async function startTestGateway(world: TestWorld, opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const config = loadConfig(settings(world, opts.env));
  const logger = opts.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const replicaId = opts.replicaId ?? `r${++replicas}`;
  const nc = await connectNats({ url: world.natsUrl, name: `gateway-${replicaId}`, logger });
  const redis = createRedis({
    url: config.REDIS_URL,
    name: 'gateway',
    logger,
    keyPrefix: world.redisPrefix,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  });
  const { env: _, replicaId: __, logger: ___, sockets, ...rest } = opts;
  const app = await createApp(config, logger, { nc, redis, ...rest, sockets: { replicaId, ...sockets } });
  const { port } = await app.start();
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    replicaId,
    app,
    stop: () =>
      (stopped ??= (async () => {
        await app.stop();
        await nc.drain();
        await closeRedis(redis);
      })()),
  };
}

const processEntry = fileURLToPath(new URL('./gateway-process.ts', import.meta.url));

/** The real gateway in a child process, for tests that signal or kill it. */
export async function startTestGatewayProcess(
  world: TestWorld,
  opts: TestGatewayProcessOptions = {},
): Promise<TestGatewayProcess> {
  const replicaId = opts.replicaId ?? `p${++replicas}`;
  const { env, registryModule, ...rest } = opts;
  const child = spawnNode(processEntry, {
    ...settings(world, { LOG_LEVEL: 'info', ...env }),
    TESTKIT_GATEWAY: JSON.stringify({
      ...rest,
      replicaId,
      redisPrefix: world.redisPrefix,
      ...(registryModule ? { registryModule: String(registryModule) } : {}),
    }),
  });
  const ready = child.waitForLog((line) => typeof line.url === 'string' && !('level' in line));
  const { url } = (await Promise.race([
    ready,
    child.exited.then((code) => {
      throw new Error(`gateway process exited with ${code}:\n${child.output()}`);
    }),
  ])) as { url: string };
  const running = () => child.child.exitCode === null && child.child.signalCode === null;
  return {
    url,
    port: Number(new URL(url).port),
    replicaId,
    process: child,
    async kill() {
      if (!running()) return;
      child.child.kill('SIGKILL');
      await child.exited;
    },
    async stop() {
      if (!running()) return;
      child.child.kill('SIGTERM');
      await child.exited;
    },
  };
}
