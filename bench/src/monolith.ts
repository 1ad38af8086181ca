// The single-process baselines: the same authenticated GET and `select 1` in one plain Fastify
// process. BENCH_TOKEN_CACHE=off verifies the token's signature on every request (the monolith as
// it is usually written); `on` is the careful one: verified tokens remembered the way the gateway
// does (revocation checked in Redis on each use) and the same per-IP rate limit counted in Redis.
import rateLimit from '@fastify/rate-limit';
import { configOrExit, loadConfig } from '@seed/runtime';
import fastify, { type FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { createLocalJWKSet, jwtVerify } from 'jose';
import postgres from 'postgres';
import { createCachedTokenCheck } from './baselines/cached-token-check.ts';
import { benchServerConfigSchema } from './config.ts';
import { reportReady } from './lib/child.ts';

const config = configOrExit(() => loadConfig(benchServerConfigSchema));
const sql = postgres(config.DATABASE_URL, {
  max: config.DATABASE_POOL_SIZE,
  connection: { application_name: config.BENCH_DB_APPLICATION_NAME },
  onnotice: () => {},
});
const app = fastify({ logger: false });
const tokenOptions = { issuer: config.BENCH_TOKEN_ISSUER, audience: config.BENCH_TOKEN_AUDIENCE };

const redis = config.BENCH_TOKEN_CACHE === 'on' ? new Redis(config.REDIS_URL) : undefined;
const authenticate: (authorization: string | undefined) => Promise<boolean> = redis
  ? (() => {
      const check = createCachedTokenCheck({ publicJwk: config.BENCH_PUBLIC_JWK, redis, ...tokenOptions });
      return async (authorization) => (await check(authorization)) !== undefined;
    })()
  : (() => {
      const keys = createLocalJWKSet({ keys: [config.BENCH_PUBLIC_JWK] });
      return async (authorization) => {
        if (!authorization?.startsWith('Bearer ')) return false;
        return jwtVerify(authorization.slice(7), keys, { ...tokenOptions, algorithms: ['EdDSA'] }).then(
          () => true,
          () => false,
        );
      };
    })();

if (redis)
  await app.register(rateLimit, {
    global: true,
    max: 1_000_000_000,
    timeWindow: 60_000,
    redis,
    nameSpace: 'monolith:ratelimit:',
    skipOnError: true,
  });

const unauthenticated = (reply: FastifyReply) =>
  reply.code(401).send({ error: { code: 'unauthenticated', message: 'unauthenticated' } });

app.get('/api/v1/bench/ping', async (req, reply) => {
  if (!(await authenticate(req.headers.authorization))) return unauthenticated(reply);
  const [row] = await sql<{ value: number }[]>`select 1 as value`;
  return { data: { value: row!.value } };
});

await app.listen({ port: config.PORT, host: '127.0.0.1' });
const address = app.server.address();
reportReady({ port: typeof address === 'object' && address ? address.port : config.PORT });

const stop = async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  redis?.disconnect();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
