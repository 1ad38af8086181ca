import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
/** The processes `npm start` runs, in its order (their ops ports follow it). */
export const PROCESSES = ['auth', 'playco', 'chat', 'worker', 'gateway'] as const;
export type ProcessName = (typeof PROCESSES)[number];

export interface ChaosCluster {
  baseUrl: string;
  /** The pid of the process running `name` now. */
  pid(name: ProcessName): number;
  opsUrl(name: ProcessName): string;
  signal(name: ProcessName, signal: NodeJS.Signals): void;
  /** Resolves once every process answers ready; the time it took. */
  allReady(timeoutMs: number): Promise<number>;
  /** The supervisor's lines since the start (restarts, exits). */
  lines(): string[];
  stop(): Promise<void>;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** `count` consecutive free ports below the ephemeral range, so no client socket holds one. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
}

const ready = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );

/**
 * The cluster as `npm start` runs it (scripts/cluster.ts, which restarts crashed processes), on the
 * run's own servers and ports; the pids come from what the supervisor prints.
 */
export async function startCluster(env: Record<string, string>, logDir: string): Promise<ChaosCluster> {
  const opsBase = await freePorts(PROCESSES.length + 1);
  const gatewayPort = opsBase + PROCESSES.length;
  const child: ChildProcess = spawn(process.execPath, ['scripts/cluster.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      GATEWAY_PORT: String(gatewayPort),
      OPS_PORT_BASE: String(opsBase),
      CLUSTER_LOG_DIR: logDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pids = new Map<string, number>();
  const supervisorLines: string[] = [];
  let output = '';
  let up = false;
  const onLine = (line: string) => {
    const m = line.match(/^(\w+)\s*\| (started|restarted) \(pid (\d+)\)/);
    if (m) pids.set(m[1] as string, Number(m[3]));
    if (/^\w+\s*\| (started|restarted|exited|ready again)/.test(line)) supervisorLines.push(line);
    if (line.startsWith('Seed is up')) up = true;
  };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 180_000;
  while (!up) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`the cluster did not come up; logs in ${logDir}\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const opsUrl = (name: ProcessName) => `http://127.0.0.1:${opsBase + PROCESSES.indexOf(name)}`;
  const pid = (name: ProcessName) => {
    const known = pids.get(name);
    if (!known) throw new Error(`no pid known for ${name}`);
    return known;
  };
  return {
    baseUrl: `http://127.0.0.1:${gatewayPort}`,
    pid,
    opsUrl,
    signal: (name, signal) => process.kill(pid(name), signal),
    async allReady(timeoutMs) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const checks = await Promise.all(PROCESSES.map((n) => ready(`${opsUrl(n)}/readyz`)));
        if (checks.every(Boolean) && (await ready(`http://127.0.0.1:${gatewayPort}/readyz`)))
          return Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`not every process was ready within ${timeoutMs} ms`);
    },
    lines: () => supervisorLines,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
