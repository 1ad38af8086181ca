import { defineJob } from '@seed/contracts';
import { outboxTable } from '@seed/runtime';
import { pgSchema } from 'drizzle-orm/pg-core';
import { z } from 'zod';

/**
 * The jobs scenario's job kind: does nothing, so the scenario measures the path (outbox, relay,
 * JOBS, consumer, done-record) and not a driver. Enqueued by the bench's producer through its
 * outbox, run by the bench's workers. Never part of the product registry.
 */
export const benchNoopJob = defineJob({
  subject: 'jobs.bench.noop',
  payload: z.object({
    n: z.number().int().nonnegative(),
    /** When the producer wrote it to the outbox, ms since the epoch. */
    enqueuedAt: z.number(),
  }),
});

/** The producer's own schema, holding only its outbox (migrations in bench/drizzle). */
export const benchJobsSchema = pgSchema('bench_jobs');
export const outbox = outboxTable(benchJobsSchema);
