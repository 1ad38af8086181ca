import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export interface MainRun {
  /** Exit code; null when it had to be killed. */
  code: number | null;
  /** Every line the process wrote, stdout and stderr. */
  lines: string[];
}

/**
 * Runs `services/<service>/src/main.ts` as an operator would, with `env` over this process's
 * environment, and waits until it exits by itself (or kills it after `killAfterMs`).
 */
export function runMain(service: string, env: Record<string, string>, killAfterMs = 60_000): Promise<MainRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'services', service, 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, OPS_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, lines: output.split('\n').filter(Boolean) });
    });
  });
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = await listening(createServer());
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback server that accepts connections and never says a word (a hung or firewalled server). */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = await listening(
    createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }),
  );
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const listening = (server: Server) =>
  new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
