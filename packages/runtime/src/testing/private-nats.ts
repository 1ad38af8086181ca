import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';
import { reachable, testServers } from './servers.ts';

export interface PrivateNats {
  url: string;
  stop(): Promise<void>;
}

export interface PrivateNatsOptions {
  /** The port to listen on (to restart a server where its clients look for it); a free one by default. */
  port?: number;
  /** A nats-server configuration file's text (the command line still sets the address, port and store). */
  config?: string;
  /** Environment of the server, for the `$VARIABLE`s of `config`. */
  env?: Record<string, string>;
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
export async function startPrivateNats(opts: PrivateNatsOptions = {}): Promise<PrivateNats> {
  const bin = natsServerBinary();
  if (!bin) {
    if (opts.config || opts.port) throw new Error('a configured nats-server needs a local nats-server binary');
    return { url: testServers().natsUrl, stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'seed-nats-'));
  const port = opts.port ?? (await freePort());
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir];
  if (opts.config) {
    const file = join(dir, 'nats-server.conf');
    writeFileSync(file, opts.config);
    args.push('-c', file);
  }
  const child: ChildProcess = spawn(bin, args, { stdio: 'ignore', env: { ...process.env, ...opts.env } });
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
