import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { reachable, testServers } from './servers.ts';

export interface PrivateRedis {
  url: string;
  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  stall(): void;
  resume(): void;
  stop(): Promise<void>;
}

const redisServerBinary = (): string | undefined =>
  [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'].find(
    (b) => b && existsSync(b),
  );

/**
 * A redis-server of one test file's own: for a whole cluster under test (its Socket.IO adapter
 * channels and presence keys then meet no other cluster's), and for tests that stall Redis (the
 * shared server is never touched). Without a local binary it falls back to the shared server,
 * which cannot be stalled.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const bin = redisServerBinary();
  if (!bin) {
    const shared = () => {
      throw new Error('no redis-server binary (set REDIS_SERVER_BIN): the shared server cannot be stalled');
    };
    return { url: testServers().redisUrl, stall: shared, resume: shared, stop: async () => {} };
  }
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await reachable(url, port))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`private redis-server did not start (${bin})`);
    await sleep(50);
  }
  return {
    url,
    stall: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
