import type { JWK } from 'jose';
import postgres from 'postgres';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-token.ts';
import { type ManagedProcess, startNodeProcess } from './processes.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const GATEWAY_ENTRY = entry('../gateway-entry.ts');
const CHAT_ENTRY = entry('../chat-fanout/chat-entry.ts');

const logLevel = () => process.env.BENCH_LOG_LEVEL ?? 'warn';

/**
 * The environment of the product's gateway as the bench runs it, on the given NATS and Redis: a
 * free port on loopback, the per-IP limit lifted for the one load generator (still counted in Redis,
 * part of the cost measured) and, unless `benchTokens` is false, the issuer and audience of the
 * bench's own access tokens (`false` when auth issues them).
 */
export function benchGatewayEnv(opts: {
  natsUrl: string;
  redisUrl: string;
  benchTokens?: boolean;
}): Record<string, string> {
  return {
    NATS_URL: opts.natsUrl,
    REDIS_URL: opts.redisUrl,
    RATE_LIMIT_MAX: '1000000000',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: logLevel(),
    ...(opts.benchTokens === false ? {} : { JWT_ISSUER: TOKEN_ISSUER, JWT_AUDIENCE: TOKEN_AUDIENCE }),
  };
}

/** Starts the bench's gateway entry (`src/gateway-entry.ts`); `url` is its HTTP base. */
export async function startBenchGateway(opts: {
  name?: string;
  natsUrl: string;
  redisUrl: string;
  benchTokens?: boolean;
  env?: Record<string, string>;
}): Promise<{ proc: ManagedProcess; url: string }> {
  const { proc, ready } = await startNodeProcess({
    name: opts.name ?? 'gateway',
    entry: GATEWAY_ENTRY,
    env: { ...benchGatewayEnv(opts), ...opts.env },
  });
  return { proc, url: `http://127.0.0.1:${ready.port}` };
}

/** Starts chat (`src/chat-fanout/chat-entry.ts`), answering the run's JWKS and user views in auth's place. */
export async function startBenchChat(opts: {
  databaseUrl: string;
  natsUrl: string;
  redisUrl: string;
  publicJwk: JWK;
  env?: Record<string, string>;
}): Promise<ManagedProcess> {
  const { proc } = await startNodeProcess({
    name: 'chat',
    entry: CHAT_ENTRY,
    env: {
      DATABASE_URL: opts.databaseUrl,
      NATS_URL: opts.natsUrl,
      REDIS_URL: opts.redisUrl,
      BENCH_PUBLIC_JWK: JSON.stringify(opts.publicJwk),
      PUSH: 'off',
      LOG_LEVEL: logLevel(),
      ...opts.env,
    },
    readyTimeoutMs: 60_000,
  });
  return proc;
}

/** A database of the run's own (`name`, made anew), dropped by `drop()`. */
export async function createRunDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } catch (err) {
    await admin.end();
    throw err;
  }
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

/**
 * The environment of the bench's own servers (bench service, monoliths, Moleculer): the database
 * and pool they query, the name their connections carry (so their backends' CPU can be found) and
 * the run's public key with the bench tokens' issuer and audience.
 */
export function benchServiceEnv(opts: {
  databaseUrl: string;
  poolSize: number;
  applicationName: string;
  publicJwk: JWK;
}): Record<string, string> {
  return {
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: String(opts.poolSize),
    BENCH_DB_APPLICATION_NAME: opts.applicationName,
    BENCH_PUBLIC_JWK: JSON.stringify(opts.publicJwk),
    BENCH_TOKEN_ISSUER: TOKEN_ISSUER,
    BENCH_TOKEN_AUDIENCE: TOKEN_AUDIENCE,
    PORT: '0',
    LOG_LEVEL: logLevel(),
  };
}
