import { type baseConfigSchema, natsConnectOptions } from './config.ts';
import { createDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { waitForDatabase } from './db/wait-for-database.ts';
import type { Logger } from './logger.ts';
import { connectNats, type NatsConnection } from './nats/connection.ts';
import { createRedis, type Redis, redisReady } from './redis.ts';

type BaseConfig = ReturnType<typeof baseConfigSchema.parse>;

/** What every process runs on. */
export interface BaseInfrastructure {
  nc: NatsConnection;
  redis: Redis;
}

export interface ServiceInfrastructure<TSchema extends Record<string, unknown>> extends BaseInfrastructure {
  database: Database<TSchema>;
}

export interface OwnedClients {
  /** Closes what was built here (never what was given), last built first. */
  close(): Promise<void>;
  /** Adds a client built later that must close with the rest. */
  own(close: () => Promise<unknown>): void;
}

function ownedClients(): OwnedClients {
  const closers: (() => Promise<unknown>)[] = [];
  return {
    own: (close) => void closers.push(close),
    async close() {
      for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    },
  };
}

interface ConnectOptions<G> {
  name: string;
  redisKeyPrefix?: string;
  logger: Logger;
  given?: Partial<G>;
}

async function connectBase(
  opts: ConnectOptions<BaseInfrastructure> & { config: BaseConfig },
  owned: OwnedClients,
): Promise<BaseInfrastructure> {
  const { name, config, logger, given = {} } = opts;
  // Redis connects in the background while NATS is reached, and is waited for after.
  const redis =
    given.redis ??
    createRedis({
      url: config.REDIS_URL,
      name,
      logger,
      ...(opts.redisKeyPrefix ? { keyPrefix: opts.redisKeyPrefix } : {}),
    });
  // QUIT waits for a connection that may never come; a client that is not ready is just dropped.
  if (!given.redis) owned.own(async () => (redis.status === 'ready' ? redis.quit() : redis.disconnect()));
  const nc = given.nc ?? (await connectNats({ ...natsConnectOptions(config), name, logger }));
  if (!given.nc) owned.own(() => nc.drain());
  if (!given.redis) await redisReady(redis, { url: config.REDIS_URL, timeoutMs: config.STARTUP_TIMEOUT_MS });
  return { nc, redis };
}

/**
 * A process's NATS and Redis clients: those given (tests pass their own), the rest built from
 * config. A server not reached within STARTUP_TIMEOUT_MS fails start-up with a StartupError naming it.
 */
export async function connectBaseInfrastructure(
  opts: ConnectOptions<BaseInfrastructure> & { config: BaseConfig },
): Promise<{ infra: BaseInfrastructure } & OwnedClients> {
  const owned = ownedClients();
  try {
    return { infra: await connectBase(opts, owned), ...owned };
  } catch (err) {
    await owned.close();
    throw err;
  }
}

/**
 * A domain service's clients: NATS and Redis as `connectBaseInfrastructure` builds them, and its
 * database, migrated before its pool opens (or given).
 */
export async function connectServiceInfrastructure<TSchema extends Record<string, unknown>>(
  opts: ConnectOptions<ServiceInfrastructure<TSchema>> & {
    schemaName: string;
    migrationsFolder: string;
    schema: TSchema;
    config: BaseConfig & { DATABASE_URL: string; DATABASE_POOL_SIZE: number };
  },
): Promise<{ infra: ServiceInfrastructure<TSchema> } & OwnedClients> {
  const { name, config, logger, given = {} } = opts;
  const owned = ownedClients();
  try {
    const base = await connectBase(opts, owned);
    let database = given.database;
    if (!database) {
      await waitForDatabase({ url: config.DATABASE_URL, timeoutMs: config.STARTUP_TIMEOUT_MS, logger });
      await migrateDatabase({
        url: config.DATABASE_URL,
        schemaName: opts.schemaName,
        migrationsFolder: opts.migrationsFolder,
        logger,
      });
      const db = createDatabase({
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        schema: opts.schema,
        appName: name,
      });
      owned.own(() => db.close());
      database = db;
    }
    return { infra: { ...base, database }, ...owned };
  } catch (err) {
    await owned.close();
    throw err;
  }
}
