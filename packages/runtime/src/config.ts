import { z } from 'zod';

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

const NATS_SCHEMES = new Set(['nats:', 'tls:']);

/** One `nats://` or `tls://` URL, or several separated by commas (a cluster's seed servers). */
const natsUrls = z
  .string()
  .refine(
    (s) => s.split(',').every((u) => URL.canParse(u.trim()) && NATS_SCHEMES.has(new URL(u.trim()).protocol)),
    'must be nats:// or tls:// URLs, comma-separated',
  );

/** How a process reaches NATS: where, as whom, and over TLS when the files are given. */
export const natsConfigSchema = z.object({
  NATS_URL: natsUrls.default('nats://127.0.0.1:4222'),
  /** This process's NATS user (see `npm run nats:config`); none when the server needs no login. */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** PEM files for TLS to NATS: the CA that signed the server, and a client certificate when it asks for one. */
  NATS_TLS_CA_FILE: z.string().min(1).optional(),
  NATS_TLS_CERT_FILE: z.string().min(1).optional(),
  NATS_TLS_KEY_FILE: z.string().min(1).optional(),
});

/** Variables every process reads; services extend this object with their own. */
export const baseConfigSchema = natsConfigSchema.extend({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Port of /healthz, /readyz and /metrics; 0 picks a free one. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** How long start-up waits for NATS, PostgreSQL and Redis before it exits naming the one missing. */
  STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Where traces go over OTLP/HTTP (e.g. http://otel-collector:4318); none exported (no cost) when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
});

type NatsConfig = z.output<typeof natsConfigSchema> & { STARTUP_TIMEOUT_MS?: number };

/** The `connectNats` options a config gives (credentials and TLS files included). */
export function natsConnectOptions(config: NatsConfig) {
  const tls =
    config.NATS_TLS_CA_FILE || config.NATS_TLS_CERT_FILE
      ? {
          ...(config.NATS_TLS_CA_FILE ? { caFile: config.NATS_TLS_CA_FILE } : {}),
          ...(config.NATS_TLS_CERT_FILE ? { certFile: config.NATS_TLS_CERT_FILE } : {}),
          ...(config.NATS_TLS_KEY_FILE ? { keyFile: config.NATS_TLS_KEY_FILE } : {}),
        }
      : undefined;
  return {
    url: config.NATS_URL,
    ...(config.NATS_USER ? { user: config.NATS_USER, pass: config.NATS_PASSWORD ?? '' } : {}),
    ...(tls ? { tls } : {}),
    ...(config.STARTUP_TIMEOUT_MS ? { timeoutMs: config.STARTUP_TIMEOUT_MS } : {}),
  };
}

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
