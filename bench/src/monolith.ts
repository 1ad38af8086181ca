// The baseline: the same authenticated GET and `select 1`, in one plain Fastify process.
import { configOrExit, loadConfig } from '@seed/runtime';
import fastify, { type FastifyReply } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import postgres from 'postgres';
import { benchServerConfigSchema } from './config.ts';
import { reportReady } from './lib/child.ts';

const config = configOrExit(() => loadConfig(benchServerConfigSchema));
const sql = postgres(config.DATABASE_URL, {
  max: config.DATABASE_POOL_SIZE,
  connection: { application_name: config.BENCH_DB_APPLICATION_NAME },
  onnotice: () => {},
});
const keys = createLocalJWKSet({ keys: [config.BENCH_PUBLIC_JWK] });
const app = fastify({ logger: false });

const unauthenticated = (reply: FastifyReply) =>
  reply.code(401).send({ error: { code: 'unauthenticated', message: 'unauthenticated' } });

app.get('/api/v1/bench/ping', async (req, reply) => {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return unauthenticated(reply);
  try {
    await jwtVerify(header.slice(7), keys, {
      issuer: config.BENCH_TOKEN_ISSUER,
      audience: config.BENCH_TOKEN_AUDIENCE,
      algorithms: ['EdDSA'],
    });
  } catch {
    return unauthenticated(reply);
  }
  const [row] = await sql<{ value: number }[]>`select 1 as value`;
  return { data: { value: row!.value } };
});

await app.listen({ port: config.PORT, host: '127.0.0.1' });
const address = app.server.address();
reportReady({ port: typeof address === 'object' && address ? address.port : config.PORT });

const stop = async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
