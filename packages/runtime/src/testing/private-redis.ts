import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { reachable, testServers } from './servers.ts';

/**
 * A redis-server of one test file's own, for a whole cluster under test: its Socket.IO adapter
 * channels and presence keys then meet no other cluster's. Falls back to the shared server
 * without a local binary.
 */
export async function startPrivateRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((b) => existsSync(b));
  if (!bin) return { url: testServers().redisUrl, stop: async () => {} };
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
