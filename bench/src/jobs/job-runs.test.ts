import { describe, expect, it } from 'vitest';
import { summarizeJobRuns } from './job-runs.ts';
import type { WorkerRuns } from './jobs-protocol.ts';

const worker = (runs: [n: number, enqueuedAt: number, doneAt: number][]): WorkerRuns => ({
  type: 'runs',
  n: runs.map((r) => r[0]),
  enqueuedAt: runs.map((r) => r[1]),
  doneAt: runs.map((r) => r[2]),
});

describe('job runs', () => {
  it('counts jobs per second from the first enqueue to the last done, and enqueue → done latency', () => {
    const s = summarizeJobRuns({ first: 0, jobs: 4, since: 1_000 }, [
      worker([
        [0, 1_000, 1_010],
        [2, 1_200, 1_230],
      ]),
      worker([
        [1, 1_100, 1_120],
        [3, 1_300, 1_500],
      ]),
    ]);
    expect(s).toMatchObject({ ran: 4, lost: 0, ranTwice: 0, jobsPerSec: 8, perWorker: [2, 2] });
    expect([s.p50Ms, s.p99Ms, s.maxMs]).toEqual([30, 200, 200]);
  });

  it('reports a job no worker ran as lost and a job run by two workers as run twice', () => {
    const s = summarizeJobRuns({ first: 10, jobs: 3, since: 0 }, [
      worker([[10, 0, 5]]),
      worker([
        [10, 0, 6],
        [11, 0, 7],
      ]),
    ]);
    expect(s).toMatchObject({ ran: 2, lost: 1, ranTwice: 1 });
  });
});
