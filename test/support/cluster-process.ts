import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTestDatabase,
  type PrivateNats,
  startPrivateNats,
  startPrivateRedis,
  type TestDatabase,
} from '@seed/runtime/testing';
import { startFakeOembed } from '@seed/testkit';

const root = join(import.meta.dirname, '..', '..');

export interface ClusterProcess {
  /** The gateway, e.g. `http://localhost:20010`. */
  baseUrl: string;
  /** The cluster's own database, for operator commands run beside it. */
  databaseUrl: string;
  /** Everything the start command printed so far. */
  output(): string;
  /** Ctrl-C, as a developer would stop it; resolves with the exit code. */
  interrupt(): Promise<number | null>;
  /** Stops the cluster and the servers started for it, whatever state it is in. */
  stop(): Promise<void>;
}

/**
 * The whole cluster as `npm start` runs it (`scripts/cluster.ts`), with servers of its own: a
 * private NATS and Redis, a fresh database, and a stand-in for YouTube's oEmbed. Ports below the
 * ephemeral range, so no test's client socket holds one of them.
 */
export async function startClusterProcess(env: Record<string, string> = {}): Promise<ClusterProcess> {
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  };
  let child: ChildProcess | undefined;
  let output = '';
  try {
    const nats: PrivateNats = await startPrivateNats();
    started.push(nats);
    const redis = await startPrivateRedis();
    started.push(redis);
    const database: TestDatabase = await createTestDatabase();
    started.push({ stop: () => database.drop() });
    const oembed = await startFakeOembed();
    started.push(oembed);

    const opsPortBase = 20_000 + Math.floor(Math.random() * 12_000);
    const gatewayPort = opsPortBase + 10;
    child = spawn(process.execPath, ['scripts/cluster.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        GATEWAY_PORT: String(gatewayPort),
        OPS_PORT_BASE: String(opsPortBase),
        NATS_URL: nats.url,
        REDIS_URL: redis.url,
        DATABASE_URL: database.url,
        YOUTUBE_OEMBED_URL: oembed.url,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const proc = child;
    for (const stream of [proc.stdout, proc.stderr]) stream?.on('data', (c: Buffer) => (output += c.toString()));
    const up = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 120_000);
      proc.stdout?.on('data', () => {
        // The last line of the start command's banner: the lines before it (URLs) are in by then.
        if (output.includes('Ctrl-C stops everything')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      proc.once('exit', () => resolve(false));
    });
    if (!up) throw new Error(`the cluster did not come up:\n${output}`);

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const killGroup = async () => {
      if (!proc.pid || proc.exitCode !== null || proc.signalCode !== null) return;
      process.kill(-proc.pid, 'SIGINT');
      if (!(await Promise.race([exited.then(() => true), sleep(25_000).then(() => false)])))
        process.kill(-proc.pid, 'SIGKILL');
    };
    return {
      baseUrl: `http://localhost:${gatewayPort}`,
      databaseUrl: database.url,
      output: () => output,
      async interrupt() {
        proc.kill('SIGINT');
        return exited;
      },
      async stop() {
        await killGroup();
        await stopAll();
      },
    };
  } catch (err) {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await stopAll();
    throw err;
  }
}
