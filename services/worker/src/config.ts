import { baseConfigSchema, type JobsTopology, loadConfig as load, natsConfigSchema } from '@seed/runtime';
import { z } from 'zod';
import { messagingConfigSchema, pushConfigSchema } from './drivers/index.ts';

const streamName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a stream name (letters, digits, _ and -)');

/** Where the jobs live; the defaults are the production streams. */
export const jobsConfigSchema = z.object({
  JOBS_STREAM: streamName.default('JOBS'),
  JOBS_DLQ_STREAM: streamName.default('JOBS_DLQ'),
  JOBS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be a subject without wildcards')
    .default('jobs'),
});

const sharedShape = { ...jobsConfigSchema.shape, ...messagingConfigSchema.shape, ...pushConfigSchema.shape };

export const workerConfigSchema = baseConfigSchema.extend(sharedShape).extend({
  /** Jobs of each kind this process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Period of `jobs.cleanup.run`, aligned to wall-clock boundaries (1 h: on the hour). */
  CLEANUP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 86_400_000)
    .default(3_600_000),
  /** How long a done job's record is kept (a redelivery within it does nothing). */
  JOBS_DONE_TTL_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(3 * 86_400_000),
  /** Messages the development mailbox keeps (log drivers, outside production); 0 turns it off. */
  MAILBOX_SIZE: z.coerce.number().int().min(0).max(10_000).default(200),
  /** How long dead jobs are kept in the dead-letter stream. */
  JOBS_DLQ_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(30 * 86_400_000),
});

export type WorkerConfig = z.output<typeof workerConfigSchema>;

/** What the dead-letter command needs. */
export const dlqConfigSchema = natsConfigSchema.extend(jobsConfigSchema.shape);
export type DlqConfig = z.output<typeof dlqConfigSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => load(workerConfigSchema, env);
export const loadDlqConfig = (env: NodeJS.ProcessEnv = process.env): DlqConfig => load(dlqConfigSchema, env);

export const jobsTopology = (config: z.output<typeof jobsConfigSchema>): JobsTopology => ({
  stream: config.JOBS_STREAM,
  dlqStream: config.JOBS_DLQ_STREAM,
  subjectPrefix: config.JOBS_SUBJECT_PREFIX,
});
