import { baseConfigSchema, databaseConfigSchema, loadConfig as load } from '@seed/runtime';
import { storageConfigSchema } from '@seed/runtime/uploads';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const chatConfigSchema = baseConfigSchema
  .extend(databaseConfigSchema.shape)
  .extend(storageConfigSchema.shape)
  .extend({
    /** Prefix of chat's own Redis keys (send limits, slow mode, worker-id lease). */
    REDIS_KEY_PREFIX: z.string().default(''),
    /** Prefix the gateway uses, so presence (`gateway:presence:<id>`) is read where it writes it. */
    GATEWAY_REDIS_KEY_PREFIX: z.string().default(''),
    /** Messages one user may send in `SEND_RATE_WINDOW_MS`, across rooms. */
    SEND_RATE_MAX: positiveInt(30),
    SEND_RATE_WINDOW_MS: positiveInt(10_000),
    /** Open rooms with a member count above this refuse new members. */
    OPEN_ROOM_MAX_MEMBERS: positiveInt(10_000),
    /** Chat images at most this large. */
    CHAT_IMAGE_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    /** Uploads never completed are removed after this long. */
    STALE_UPLOAD_AGE_MS: positiveInt(24 * 3_600_000),
    /** Open rooms are removed (with their messages) this long after they closed. */
    CLOSED_ROOM_RETENTION_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(7 * 86_400_000),
    /** Pushes for new messages: `off` sends none. */
    PUSH: z.enum(['on', 'off']).default('on'),
    /** Subject root and stream names of the job streams (tests use their own). */
    JOBS_STREAM: z.string().default('JOBS'),
    JOBS_DLQ_STREAM: z.string().default('JOBS_DLQ'),
    JOBS_SUBJECT_PREFIX: z.string().default('jobs'),
  });

export type ChatConfig = z.output<typeof chatConfigSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): ChatConfig => load(chatConfigSchema, env);
