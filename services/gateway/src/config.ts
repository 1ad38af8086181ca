import { join } from 'node:path';
import { baseConfigSchema, loadConfig as load } from '@seed/runtime';
import { z } from 'zod';

/** Signature algorithms an access token may use: asymmetric only, so a public key can never sign. */
export const ASYMMETRIC_ALGORITHMS = [
  'EdDSA',
  'Ed25519',
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
] as const;

const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const origin = z.string().refine((s) => s === '*' || URL.canParse(s), 'must be an origin such as https://app.example');

/** `true` (trust every proxy), `false`, or a comma list of proxy addresses/CIDRs (Fastify `trustProxy`). */
const trustProxy = z
  .string()
  .default('false')
  .transform((s): boolean | string[] =>
    s === 'true' || s === 'false' ? s === 'true' : s.split(',').map((x) => x.trim()),
  );

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  JWT_ISSUER: z.string().min(1).default('seed-auth'),
  JWT_AUDIENCE: z.string().min(1).default('seed'),
  JWT_ALGORITHMS: commaList
    .default(['EdDSA', 'ES256'])
    .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS, 'only asymmetric algorithms (EdDSA, ES256, ...) are accepted')).min(1)),
  /** Browser origins allowed by CORS; none by default. `*` allows any origin (without cookies). */
  CORS_ORIGINS: commaList.default([]).pipe(z.array(origin)),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Global per-IP limit; contracts set tighter ones per route. */
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(1_000),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** Replaces every contract's own NATS timeout when set. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** Requests are shed with 503 `overloaded` while the event loop lags more than this. */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().positive().default(1_000),
  /** Time between readiness turning 503 and the listener closing, for load balancers to notice. */
  DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  TRUST_PROXY: trustProxy,
  /** Serves `/docs` (OpenAPI, its UI, AsyncAPI); on by default except when NODE_ENV=production. */
  DOCS_ENABLED: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .optional(),
  /** The web console's build, served at /console/ outside production. */
  CONSOLE_DIR: z
    .string()
    .min(1)
    .default(join(import.meta.dirname, '..', '..', '..', 'apps', 'console', 'dist')),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => load(gatewayConfigSchema, env);

/** Whether the API documents are served: as configured, else everywhere but in production. */
export const docsEnabled = (config: GatewayConfig): boolean => config.DOCS_ENABLED ?? config.NODE_ENV !== 'production';
