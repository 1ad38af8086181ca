import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { reachable, testServers } from '@seed/runtime/testing';

export interface PrivateNats {
  url: string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * A nats-server (with JetStream) of this test file's own: auth serves its real subjects
 * (`auth.user.get`, ...), which other test files fake on the shared server.
 */
export async function startPrivateNats(): Promise<PrivateNats> {
  const bin = [
    process.env.NATS_SERVER_BIN,
    '/usr/sbin/nats-server',
    '/usr/local/bin/nats-server',
    '/usr/bin/nats-server',
  ].find((b) => b && existsSync(b));
  // Without a local binary (servers in containers), share the test server and its risks.
  if (!bin) return { url: testServers().natsUrl, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'auth-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: 'ignore',
  });
  const url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await reachable(url, port)); i++) await sleep(50);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
