import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CpuSource } from '../lib/cpu.ts';
import { freePort } from '../lib/network.ts';
import { type ManagedProcess, ProcessFailedError, startCommand } from '../lib/processes.ts';
import { childProcesses, serviceOf } from './process-tree.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SERVICES = 6;

export interface NpmStartCluster {
  baseUrl: string;
  /** `scripts/cluster.ts` itself: it pipes every service's log lines to its own output. */
  launcher: ManagedProcess;
  /** The launcher and each service it started, as CPU sources named after them. */
  cpuSources(): CpuSource[];
  /** `name=pid` of every service, e.g. to tell CPU profiles apart. */
  describePids(): string;
  stop(): Promise<void>;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });

/** The first of `count` consecutive ports nothing listens on right now. */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const taken = await Promise.all(Array.from({ length: count }, (_, i) => listening(base + i)));
    if (!taken.some(Boolean)) return base;
  }
  throw new Error('no free range of ops ports');
}

/**
 * The cluster exactly as `npm start` runs it — `node scripts/cluster.ts`, every service its own
 * process whose log lines the launcher prefixes and writes to its output (read here, as a terminal
 * would) — on the servers `env` names, with the gateway and ops ports free ones.
 */
export async function startNpmStartCluster(env: Record<string, string>): Promise<NpmStartCluster> {
  const gatewayPort = await freePort();
  const opsPortBase = await freePortRange(SERVICES);
  const launcher = await startCommand({
    name: 'cluster.ts',
    command: process.execPath,
    args: ['scripts/cluster.ts'],
    cwd: ROOT,
    env: { ...process.env, ...env, GATEWAY_PORT: String(gatewayPort), OPS_PORT_BASE: String(opsPortBase) },
    ready: async (proc) => {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        if (proc.output().includes('Seed is up')) return;
        await sleep(250);
      }
      throw new Error('the cluster did not come up in 120 s');
    },
  });
  const services = () =>
    childProcesses(launcher.pid).flatMap((c) => {
      const name = serviceOf(c.commandLine);
      return name ? [{ name, pid: c.pid }] : [];
    });
  if (services().length === 0) throw new ProcessFailedError('cluster.ts started no service', launcher.output());
  return {
    baseUrl: `http://127.0.0.1:${gatewayPort}`,
    launcher,
    cpuSources: () => [
      { name: 'cluster.ts (log piping)', pids: () => [launcher.pid] },
      ...services().map((s) => ({ name: s.name, pids: () => [s.pid] })),
    ],
    describePids: () =>
      services()
        .map((s) => `${s.name}=${s.pid}`)
        .join(', '),
    stop: () => launcher.stop(30_000),
  };
}
