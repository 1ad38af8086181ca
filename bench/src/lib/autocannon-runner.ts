import { busyShare, type CpuSnapshot, type CpuSource, cpuBetween, machineCpu, snapshotCpu } from './cpu.ts';
import { type ManagedProcess, ProcessFailedError, startNodeProcess } from './processes.ts';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** GET without a body by default. */
  method?: 'GET' | 'POST';
  body?: string;
  /** Replace `[<id>]` in the body with a fresh id on every request (e.g. a client message id). */
  idReplacement?: boolean;
  connections: number;
  warmupS: number;
  durationS: number;
  timeoutS: number;
}

export interface LoadResult {
  durationS: number;
  /** 2xx responses in the measured period; req/s, latencies and samples count only these. */
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Responses per second of the measured period, in order: a slowdown shows as a falling series. */
  perSecond: number[];
}

export type LoadMessage =
  | { type: 'measuring' }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; message: string };

export interface MeasuredLoad extends LoadResult {
  /** CPU ms each server, CPU source and the load generator used while measured. */
  cpuMs: Record<string, number>;
  /** Share of the whole machine's CPU that was busy while measured (0–1). */
  machineBusy?: number;
  /** Watched processes that were gone by the end of the run. */
  exited: string[];
}

const LOAD_GENERATOR_ENTRY = new URL('../load-generator.ts', import.meta.url).pathname;
/** Process name of the load generator in CPU figures. */
export const LOAD_GENERATOR = 'load-generator';

/** A server process as a CPU source. */
export const processCpu = (p: ManagedProcess): CpuSource => ({ name: p.name, pids: () => [p.pid] });

/**
 * Runs autocannon in a process of its own: a warm-up, then the measured period, during which the
 * CPU time of the servers (and any `cpu` sources, such as PostgreSQL backends) and of the machine
 * is sampled. A server that is gone by the end is reported in `exited`.
 */
export async function runLoad(
  job: LoadJob,
  watch: { servers: ManagedProcess[]; cpu?: CpuSource[] },
): Promise<MeasuredLoad> {
  const { proc: generator } = await startNodeProcess({ name: LOAD_GENERATOR, entry: LOAD_GENERATOR_ENTRY, env: {} });
  const sources = [...watch.servers.map(processCpu), ...(watch.cpu ?? []), processCpu(generator)];
  let cpuBefore: Promise<CpuSnapshot> | undefined;
  let machineBefore = machineCpu();
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      generator.child.on('message', (msg: LoadMessage) => {
        if (msg.type === 'measuring') {
          machineBefore = machineCpu();
          cpuBefore = snapshotCpu(sources);
        } else if (msg.type === 'result') resolve(msg.result);
        else if (msg.type === 'failed') reject(new Error(`load generator: ${msg.message}`));
      });
      void generator.exited.then((how) =>
        reject(new ProcessFailedError(`load generator exited (${how})`, generator.output())),
      );
      generator.child.send(job);
    });
    const machineBusy = busyShare(machineBefore, machineCpu());
    const cpuMs = cpuBetween(await (cpuBefore ?? snapshotCpu([])), await snapshotCpu(sources));
    const exited = watch.servers
      .filter((p) => p.child.exitCode !== null || p.child.signalCode !== null)
      .map((p) => p.name);
    return { ...result, cpuMs, machineBusy, exited };
  } finally {
    await generator.stop();
  }
}
