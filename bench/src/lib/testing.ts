import type { MeasuredLoad } from './autocannon-runner.ts';

/** A measured load with plausible figures; tests override what they look at. */
export function measuredLoad(overrides: Partial<MeasuredLoad> = {}): MeasuredLoad {
  return {
    durationS: 10,
    requests: 100_000,
    reqPerSec: 10_000,
    p50Ms: 3,
    p90Ms: 5,
    p99Ms: 9,
    maxMs: 40,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: { '200': 100_000 },
    perSecond: Array.from({ length: 10 }, () => 10_000),
    cpuMs: { server: 5_000 },
    exited: [],
    ...overrides,
  };
}
