import type { Counter, Registry } from 'prom-client';
import { sharedCounter, sharedHistogram } from '../ops/process-registry.ts';

export type JobOutcome = 'processed' | 'failed' | 'dead_lettered' | 'skipped';

/** Told about every attempt's outcome (metrics, tests). */
export interface JobObserver {
  onOutcome(job: string, outcome: JobOutcome, durationMs: number): void;
}

const HELP: Record<JobOutcome, string> = {
  processed: 'Jobs done',
  failed: 'Job attempts that failed (to be retried or dead-lettered)',
  dead_lettered: 'Jobs moved to the dead-letter stream',
  skipped: 'Redelivered jobs that were already done',
};

/** Prometheus counters of job outcomes (`seed_jobs_<outcome>_total{job}`) and attempt durations. */
export function createJobMetrics(registry: Registry): JobObserver {
  const counters = Object.fromEntries(
    (Object.keys(HELP) as JobOutcome[]).map((outcome) => [
      outcome,
      sharedCounter(registry, { name: `seed_jobs_${outcome}_total`, help: HELP[outcome], labelNames: ['job'] }),
    ]),
  ) as Record<JobOutcome, Counter<'job'>>;
  const duration = sharedHistogram(registry, {
    name: 'seed_job_duration_seconds',
    help: 'Time spent on one job attempt',
    labelNames: ['job', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  });
  return {
    onOutcome(job, outcome, durationMs) {
      counters[outcome].inc({ job });
      duration.observe({ job, outcome }, durationMs / 1_000);
    },
  };
}
