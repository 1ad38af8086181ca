import { availableParallelism } from 'node:os';
import { baseConfigSchema, databaseConfigSchema, loadConfig as load } from '@seed/runtime';
import { storageConfigSchema } from '@seed/runtime/uploads';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const perWindow = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean),
);

export const authConfigSchema = baseConfigSchema
  .extend(databaseConfigSchema.shape)
  .extend(storageConfigSchema.shape)
  .extend({
    /** Encrypts the token signing keys at rest (AES-256-GCM); at least 32 characters, no default. */
    AUTH_KEYS_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_ISSUER: z.string().min(1).default('seed-auth'),
    JWT_AUDIENCE: z.string().min(1).default('seed'),
    ACCESS_TOKEN_TTL_SEC: seconds(15 * 60),
    /** How often a replica checks that Redis still holds the revoked sessions (reloaded from PostgreSQL if not). */
    REVOCATIONS_CHECK_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
    REFRESH_TOKEN_TTL_SEC: seconds(30 * 24 * 3600),
    /**
     * A refresh token presented again this soon after it was used gets the same new pair (two tabs
     * of one browser refreshing at once); later it counts as reuse and ends the session. 0 turns it off.
     */
    AUTH_REFRESH_REUSE_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
    /**
     * A rotated-in key is published this long before it signs, so every gateway has it before it
     * sees a token signed with it (longer than the gateway's unknown-kid refresh cooldown).
     */
    KEY_ACTIVATION_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
    /** Pages the emailed links open; the token is appended as `?token=`. */
    EMAIL_VERIFY_URL: z.url().default('http://localhost:8080/verify-email'),
    PASSWORD_RESET_URL: z.url().default('http://localhost:8080/reset-password'),
    /** When set, signup accepts only emails of these domains. */
    SIGNUP_EMAIL_DOMAINS: commaList.default([]),
    /** argon2id hashes run at once; by default one core is left to the event loop. */
    PASSWORD_HASH_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(Math.max(1, availableParallelism() - 1)),
    /** Answers that could tell whether an account exists are never sent sooner than this. */
    EQUAL_TIME_MS: z.coerce.number().int().min(0).default(300),
    /** Root of the job subjects the outbox enqueues to (`jobs` → `jobs.email.send`). */
    JOBS_SUBJECT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
      .default('jobs'),
    /** Prefix of auth's own Redis keys (limits); `auth:revoked:<sid>` is shared with the gateway. */
    REDIS_KEY_PREFIX: z.string().default(''),
    LIMIT_AVAILABILITY_PER_IP_PER_MIN: perWindow(60),
    LIMIT_SIGNUP_PER_IP_PER_HOUR: perWindow(20),
    LIMIT_LOGIN_PER_IP_PER_MIN: perWindow(30),
    /** Verification and reset emails and SMS codes asked for by one IP. */
    LIMIT_MESSAGES_PER_IP_PER_HOUR: perWindow(20),
    /** Avatars at most this large. */
    AVATAR_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    /**
     * Uploads never completed, and completed avatars no account uses (replaced, removed, never set),
     * are removed this long after they were made.
     */
    STALE_UPLOAD_AGE_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(24 * 3_600_000),
  });

export type AuthConfig = z.output<typeof authConfigSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AuthConfig => load(authConfigSchema, env);
