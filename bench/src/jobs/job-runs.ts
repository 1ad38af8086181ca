import type { WorkerRuns } from './jobs-protocol.ts';

export interface JobRunSummary {
  jobs: number;
  /** Distinct jobs that ran. */
  ran: number;
  lost: number;
  /** Handler runs beyond the first of a job. */
  ranTwice: number;
  /** Jobs per second from the first job enqueued to the last one done. */
  jobsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Each worker's share of the runs. */
  perWorker: number[];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * What the workers' runs say about the `jobs` numbered from `first`, timed from `since` (the first
 * enqueue, or the moment a backlog was released) to the last run.
 */
export function summarizeJobRuns(
  batch: { first: number; jobs: number; since: number },
  workers: WorkerRuns[],
): JobRunSummary {
  const { first, jobs, since } = batch;
  const seen = new Set<number>();
  let runs = 0;
  let lastDone = since;
  const latencies: number[] = [];
  for (const w of workers)
    w.n.forEach((n, i) => {
      runs++;
      seen.add(n);
      lastDone = Math.max(lastDone, w.doneAt[i]!);
      latencies.push(w.doneAt[i]! - w.enqueuedAt[i]!);
    });
  latencies.sort((a, b) => a - b);
  const ran = [...seen].filter((n) => n >= first && n < first + jobs).length;
  const seconds = (lastDone - since) / 1000;
  return {
    jobs,
    ran,
    lost: jobs - ran,
    ranTwice: runs - seen.size,
    jobsPerSec: seconds > 0 ? ran / seconds : Number.NaN,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    perWorker: workers.map((w) => w.n.length),
  };
}
