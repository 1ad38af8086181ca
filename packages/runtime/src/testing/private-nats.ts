import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { reachable, testServers } from './servers.ts';

export interface PrivateNats {
  url: string;
  /** Stops the server (SIGKILL), keeping its port and JetStream store for `restart`. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback TCP port, for a private server. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

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
  if (!bin) {
    const shared = async () => {
      throw new Error('no nats-server binary: the shared server cannot be stopped');
    };
    return { url: testServers().natsUrl, kill: shared, restart: shared, stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'seed-nats-'));
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    child = server;
    const deadline = Date.now() + 10_000;
    while (!(await reachable(url, port))) {
      if (Date.now() > deadline || server.exitCode !== null)
        throw new Error(`private nats-server did not start (${bin})`);
      await sleep(50);
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    kill: () => kill('SIGKILL'),
    restart: start,
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
