import { baseConfigSchema, databaseConfigSchema } from '@seed/runtime';
import { z } from 'zod';

const Json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

/** What the bench's own servers (monolith baseline, bench service) read from their environment. */
export const benchServerConfigSchema = baseConfigSchema.extend(databaseConfigSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The public JWK that signed the run's access token. */
  BENCH_PUBLIC_JWK: Json.pipe(z.looseObject({ kty: z.string(), kid: z.string() })),
  BENCH_TOKEN_ISSUER: z.string().min(1),
  BENCH_TOKEN_AUDIENCE: z.string().min(1),
  /** Names the server's PostgreSQL connections, so the bench can find their backends' CPU time. */
  BENCH_DB_APPLICATION_NAME: z.string().min(1).default('seed-bench'),
  /** `on`: remember verified tokens as the gateway does (needs REDIS_URL); `off`: verify every request. */
  BENCH_TOKEN_CACHE: z.enum(['on', 'off']).default('off'),
});
export type BenchServerConfig = z.output<typeof benchServerConfigSchema>;
