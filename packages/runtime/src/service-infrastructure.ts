import { type baseConfigSchema, natsConnectOptions } from './config.ts';
import { createDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { waitForDatabase } from './db/wait-for-database.ts';
import type { Logger } from './logger.ts';
import { connectNats, type NatsConnection } from './nats/connection.ts';
import { createRedis, type Redis, redisReady } from './redis.ts';

type BaseConfig = ReturnType<typeof baseConfigSchema.parse>;

export interface ServiceInfrastructure<TSchema extends Record<string, unknown>> {
  nc: NatsConnection;
  redis: Redis;
  database: Database<TSchema>;
}

export interface OwnedClients {
  /** Closes what was built here (never what was given), last built first. */
  close(): Promise<void>;
  /** Adds a client built later that must close with the rest. */
  own(close: () => Promise<unknown>): void;
}

/**
 * A domain service's clients: those given (tests pass their own), the rest built from config,
 * the database migrated before its pool opens. A server not reached within STARTUP_TIMEOUT_MS
 * fails start-up with a StartupError naming it.
 */
export async function connectServiceInfrastructure<TSchema extends Record<string, unknown>>(opts: {
  name: string;
  schemaName: string;
  migrationsFolder: string;
  schema: TSchema;
  config: BaseConfig & { DATABASE_URL: string; DATABASE_POOL_SIZE: number };
  redisKeyPrefix?: string;
  logger: Logger;
  given?: Partial<ServiceInfrastructure<TSchema>>;
}): Promise<{ infra: ServiceInfrastructure<TSchema> } & OwnedClients> {
  const { name, config, logger, given = {} } = opts;
  const closers: (() => Promise<unknown>)[] = [];
  const owned: OwnedClients = {
    own: (close) => closers.push(close),
    async close() {
      for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    },
  };
  try {
    const timeoutMs = config.STARTUP_TIMEOUT_MS;
    const nc = given.nc ?? (await connectNats({ ...natsConnectOptions(config), name, logger }));
    if (!given.nc) owned.own(() => nc.drain());
    const redis =
      given.redis ??
      createRedis({
        url: config.REDIS_URL,
        name,
        logger,
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
        ...(opts.redisKeyPrefix ? { keyPrefix: opts.redisKeyPrefix } : {}),
      });
    if (!given.redis) {
      owned.own(() => redis.quit());
      await redisReady(redis, { url: config.REDIS_URL, timeoutMs });
    }
    let database = given.database;
    if (!database) {
      await waitForDatabase({ url: config.DATABASE_URL, timeoutMs, logger });
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
    return { infra: { nc, redis, database }, ...owned };
  } catch (err) {
    await owned.close();
    throw err;
  }
}
