import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { reachable, testServers } from './servers.ts';

export interface PrivateNats {
  url: string;
  stop(): Promise<void>;
}

const natsServerBinary = (): string | undefined =>
  [process.env.NATS_SERVER_BIN, '/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server'].find(
    (b) => b && existsSync(b),
  );

/**
 * A nats-server (with JetStream) of one test file's own. A service serves the fixed subjects of its
 * contracts, so test files running at the same time must not share a server or their requests
 * would cross. Without a local binary (servers in containers) it falls back to the shared server.
 */
export async function startPrivateNats(): Promise<PrivateNats> {
  const bin = natsServerBinary();
  if (!bin) return { url: testServers().natsUrl, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'seed-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: 'ignore',
  });
  const url = `nats://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await reachable(url, port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`private nats-server did not start (${bin})`);
    await sleep(50);
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
