import { readdirSync, readFileSync } from 'node:fs';

// /proc/<pid>/stat counts in 10 ms ticks, rounded per process: too coarse for fifty PostgreSQL
// backends that each run a few ms. Each thread's schedstat holds its exact run time in ns.
const TICKS_PER_SECOND = 100;

/**
 * CPU time so far of each thread of a process, in ms, by thread id (the process as a whole where
 * threads cannot be read); empty once it is gone or off Linux. Per thread, so that a thread ending
 * between two readings drops out instead of making the difference negative.
 */
export function threadCpuMs(pid: number): Map<string, number> {
  try {
    const threads = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`))
      threads.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    return threads;
  } catch {
    const ms = statCpuMs(pid);
    return ms === undefined ? new Map() : new Map([[String(pid), ms]]);
  }
}

/** CPU time (all threads) a process has used so far, in ms; undefined once it is gone or off Linux. */
export function processCpuMs(pid: number): number | undefined {
  const threads = threadCpuMs(pid);
  return threads.size ? [...threads.values()].reduce((a, b) => a + b, 0) : undefined;
}

function statCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after it are space separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Processes whose CPU time counts under one name, e.g. the PostgreSQL backends of a pool. */
export interface CpuSource {
  name: string;
  pids(): Promise<number[]> | number[];
}

/** CPU ms so far, by source name and `pid/tid`. */
export type CpuSnapshot = Map<string, Map<string, number>>;

export async function snapshotCpu(sources: CpuSource[]): Promise<CpuSnapshot> {
  const snapshot: CpuSnapshot = new Map();
  for (const source of sources) {
    const threads = new Map<string, number>();
    for (const pid of await source.pids()) for (const [tid, ms] of threadCpuMs(pid)) threads.set(`${pid}/${tid}`, ms);
    snapshot.set(source.name, threads);
  }
  return snapshot;
}

/**
 * CPU ms each source used between two snapshots. A thread first seen in `to` counts whole (it
 * started in between); one gone by `to` is left out.
 */
export function cpuBetween(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [name, threads] of to) {
    if (threads.size === 0) continue;
    spent[name] = [...threads].reduce((sum, [id, ms]) => sum + ms - (from.get(name)?.get(id) ?? 0), 0);
  }
  return spent;
}

export interface MachineCpu {
  busy: number;
  total: number;
}

/** Cumulative busy and total CPU time of the whole machine (all cores), in ticks. */
export function machineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...values] = line.trim().split(/\s+/);
    const ticks = values.map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Share of all cores that were busy between two readings (0–1). */
export function busyShare(from: MachineCpu | undefined, to: MachineCpu | undefined): number | undefined {
  if (!from || !to || to.total === from.total) return undefined;
  return (to.busy - from.busy) / (to.total - from.total);
}
