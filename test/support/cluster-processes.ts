import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from './run-main.ts';

export interface ClusterProcesses {
  gatewayUrl: string;
  /** Every line the processes wrote, by service. */
  output: Record<string, string[]>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitReady(url: string, child: ChildProcess, name: string, lines: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${lines.join('\n')}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error(`${name} did not become ready:\n${lines.join('\n')}`);
}

/**
 * Runs services' own `main.ts` as processes, each with `env` and its own extra variables, the
 * gateway last on a free port; resolves once every one reports ready on its ops port.
 */
export async function startClusterProcesses(opts: {
  services: string[];
  env: Record<string, string>;
  envOf?: (service: string) => Record<string, string>;
}): Promise<ClusterProcesses> {
  const children: ChildProcess[] = [];
  const output: Record<string, string[]> = {};
  const stop = async () => {
    for (const child of children.reverse())
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        if (!(await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]))) child.kill('SIGKILL');
      }
  };
  let gatewayUrl = '';
  try {
    for (const service of [...opts.services.filter((s) => s !== 'gateway'), 'gateway']) {
      if (!opts.services.includes(service)) continue;
      const opsPort = await freePort();
      const port = service === 'gateway' ? await freePort() : undefined;
      const lines: string[] = [];
      output[service] = lines;
      const child = spawn(process.execPath, [join(root, 'services', service, 'src', 'main.ts')], {
        cwd: root,
        env: {
          ...process.env,
          ...opts.env,
          ...opts.envOf?.(service),
          OPS_PORT: String(opsPort),
          ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      for (const stream of [child.stdout, child.stderr])
        stream?.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
      await waitReady(`http://127.0.0.1:${opsPort}/readyz`, child, service, lines);
      if (port) gatewayUrl = `http://127.0.0.1:${port}`;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { gatewayUrl, output, stop };
}
