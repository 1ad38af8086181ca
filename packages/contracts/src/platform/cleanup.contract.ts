import { z } from 'zod';
import { defineJob } from '../define.ts';

/** Scheduled by the worker once per period, however many worker replicas run. Idempotent. */
export const cleanupRun = defineJob({
  subject: 'jobs.cleanup.run',
  payload: z.object({
    period: z.string().min(1).describe('The period this run covers, e.g. 2026-11-25T11:00Z'),
  }),
  maxDeliver: 3,
  ackWaitMs: 120_000,
});
