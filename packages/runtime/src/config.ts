import { z } from 'zod';

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

/** Variables every process reads; services extend this object with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** A Redis command not answered within this fails (503 to the caller) instead of waiting out a stall. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** Port of /healthz, /readyz and /metrics; 0 picks a free one. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** How long the answer to a request sent with an `Idempotency-Key` is kept for its retries. */
  IDEMPOTENCY_KEY_TTL_SEC: z.coerce.number().int().positive().default(86_400),
});

export const databaseConfigSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/seed'),
  // Kept at 10 though a service may see more concurrent queries: with 50 concurrent requests,
  // gateway-select1 ran as fast on 10 connections as on 50, flat over 30 s and with less PostgreSQL
  // CPU; postgres.js's saturation slowdown (PERF.md) showed only at far higher query rates.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

/** Parses `env` once into a typed object; a missing or bad variable names itself in the error. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}
