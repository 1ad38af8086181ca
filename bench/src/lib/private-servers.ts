import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort, waitForPort } from './network.ts';
import { type ManagedProcess, startCommand } from './processes.ts';

/** A server the gateway stack talks to. */
export interface BenchServer {
  url: string;
  /** The private server, when the bench started one. */
  proc?: ManagedProcess;
  note?: string;
}

interface ServerKind {
  name: string;
  /** Variable naming an existing server to use instead of a private one. */
  overrideEnv: string;
  /** Shared server used when no binary is found. */
  sharedEnv: string;
  sharedDefault: string;
  args: (port: number) => string[];
  url: (port: number) => string;
}

const NATS: ServerKind = {
  name: 'nats-server',
  overrideEnv: 'BENCH_NATS_URL',
  sharedEnv: 'NATS_URL',
  sharedDefault: 'nats://127.0.0.1:4222',
  args: (port) => ['-a', '127.0.0.1', '-p', String(port)],
  url: (port) => `nats://127.0.0.1:${port}`,
};

const REDIS: ServerKind = {
  name: 'redis-server',
  overrideEnv: 'BENCH_REDIS_URL',
  sharedEnv: 'REDIS_URL',
  sharedDefault: 'redis://127.0.0.1:6379',
  args: (port) => ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
  url: (port) => `redis://127.0.0.1:${port}`,
};

function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin'];
  return dirs
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

async function startPrivate(kind: ServerKind, extraArgs: string[] = []): Promise<BenchServer> {
  const override = process.env[kind.overrideEnv];
  if (override) return { url: override, note: `${kind.name} from ${kind.overrideEnv}` };
  const bin = findBinary(kind.name);
  if (!bin) {
    const url = process.env[kind.sharedEnv] ?? kind.sharedDefault;
    return { url, note: `no ${kind.name} binary: the gateway stack shares ${url} with whatever else runs` };
  }
  const port = await freePort();
  const proc = await startCommand({
    name: kind.name,
    command: bin,
    args: [...kind.args(port), ...extraArgs],
    ready: () => waitForPort(port),
  });
  return { url: kind.url(port), proc };
}

/**
 * NATS and Redis of the bench's own, so that a running cluster's auth cannot answer the bench's
 * JWKS request, the bench's flood of requests cannot fill the shared per-IP rate-limit counters
 * of other gateways, and no other traffic shares these servers. NATS runs JetStream when given a
 * directory for its store.
 */
export const startBenchNats = (opts: { jetstreamDir?: string } = {}): Promise<BenchServer> =>
  startPrivate(NATS, opts.jetstreamDir ? ['-js', '-sd', opts.jetstreamDir] : []);
export const startBenchRedis = (): Promise<BenchServer> => startPrivate(REDIS);
