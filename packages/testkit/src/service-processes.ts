import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  freePort,
  type PrivateNatsOptions,
  startPrivateNats,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { type NodeProcess, spawnNode } from './processes.ts';
import { type Env, migrationsOf, type ServiceName } from './services.ts';

/** A process of the platform: a service, or the gateway. */
export type ProcessName = ServiceName | 'gateway';

/** `services/<name>/src/main.ts`, beside the package's entry. */
export const serviceMainOf = (name: ProcessName): string =>
  join(dirname(fileURLToPath(import.meta.resolve(`@seed/${name}`))), 'main.ts');

export interface MainRun {
  /** Exit code; null when it had to be killed. */
  code: number | null;
  /** Every line the process wrote, stdout and stderr. */
  lines: string[];
}

/**
 * Runs a process's own `main.ts` as an operator would, with `env` over this process's environment,
 * and waits until it exits by itself (or kills it after `killAfterMs`).
 */
export async function runServiceMain(name: ProcessName, env: Env, killAfterMs = 60_000): Promise<MainRun> {
  const run = spawnNode(serviceMainOf(name), { OPS_PORT: '0', ...env });
  // After `exit` the pipes may still hold output: `close` comes once they are drained.
  const closed = new Promise((resolve) => run.child.once('close', resolve));
  const timer = setTimeout(() => run.child.kill('SIGKILL'), killAfterMs);
  const code = await run.exited;
  await closed;
  clearTimeout(timer);
  return { code, lines: run.output().split('\n').filter(Boolean) };
}

export interface ServiceProcesses {
  gatewayUrl: string;
  /** Their own nats-server, stopped by `stop()`. */
  natsUrl: string;
  /** The database the services share, made for these processes and dropped by `stop()`. */
  databaseUrl: string;
  /** Every line a process wrote so far. */
  lines(name: ProcessName): string[];
  stop(): Promise<void>;
}

async function waitReady(url: string, run: NodeProcess, name: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`${name} exited (${run.child.exitCode}):\n${run.output()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error(`${name} did not become ready:\n${run.output()}`);
}

/**
 * Runs processes' own `main.ts` (the gateway last, on a free port) on a nats-server of their own
 * (`nats` configures it), a database of their own with each service's migrations, the shared Redis
 * under a prefix of their own, and settings that keep tests quick; `env` and `envOf(name)` go on
 * top. Resolves once each reports ready.
 */
export async function startServiceProcesses(opts: {
  names: readonly ProcessName[];
  nats?: PrivateNatsOptions;
  env?: Env;
  envOf?: (name: ProcessName) => Env;
}): Promise<ServiceProcesses> {
  const services = opts.names.filter((n): n is ServiceName => n !== 'gateway');
  const nats = await startPrivateNats(opts.nats);
  const database = await createTestDatabase(await migrationsOf(services)).catch(async (err) => {
    await nats.stop();
    throw err;
  });
  const runs = new Map<ProcessName, NodeProcess>();
  const stop = async () => {
    for (const run of [...runs.values()].reverse())
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGTERM');
        if (!(await Promise.race([run.exited.then(() => true), sleep(20_000).then(() => false)])))
          run.child.kill('SIGKILL');
      }
    await database.drop();
    await nats.stop();
  };
  const shared: Env = {
    NATS_URL: nats.url,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testServers().redisUrl,
    REDIS_KEY_PREFIX: testRedisPrefix(),
    AUTH_KEYS_SECRET: randomBytes(32).toString('hex'),
    KEY_ACTIVATION_DELAY_MS: '0',
    EQUAL_TIME_MS: '0',
    ...opts.env,
  };
  let gatewayUrl = '';
  try {
    for (const name of [...services, ...(opts.names.includes('gateway') ? ['gateway' as const] : [])]) {
      const opsPort = await freePort();
      const port = name === 'gateway' ? await freePort() : undefined;
      const run = spawnNode(serviceMainOf(name), {
        ...shared,
        ...opts.envOf?.(name),
        OPS_PORT: String(opsPort),
        ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}),
      });
      runs.set(name, run);
      await waitReady(`http://127.0.0.1:${opsPort}/readyz`, run, name);
      if (port) gatewayUrl = `http://127.0.0.1:${port}`;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    gatewayUrl,
    natsUrl: nats.url,
    databaseUrl: database.url,
    lines: (name) => (runs.get(name)?.output() ?? '').split('\n').filter(Boolean),
    stop,
  };
}
