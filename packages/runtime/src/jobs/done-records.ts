import type { Redis } from 'ioredis';

/**
 * Records which jobs have had their effect, so a redelivered job does nothing twice. A handler
 * whose effect lives elsewhere may also keep its own record in the same transaction as the effect.
 */
export interface JobDoneRecords {
  isDone(jobId: string): Promise<boolean>;
  /** Records the job as done; false when it already was. */
  markDone(jobId: string): Promise<boolean>;
}

/** Done-records in Redis (`jobs:done:<jobId>`), kept long enough to outlive any redelivery. */
export function createRedisDoneRecords(
  redis: Redis,
  opts: { ttlMs?: number; keyPrefix?: string } = {},
): JobDoneRecords {
  const ttlMs = opts.ttlMs ?? 3 * 86_400_000;
  const prefix = opts.keyPrefix ?? 'jobs:done:';
  return {
    async isDone(jobId) {
      return (await redis.exists(`${prefix}${jobId}`)) === 1;
    },
    async markDone(jobId) {
      return (await redis.set(`${prefix}${jobId}`, new Date().toISOString(), 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}
