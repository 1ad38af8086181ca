import { join } from 'node:path';
import {
  connectNats,
  createDatabase,
  createRedis,
  type Logger,
  migrateDatabase,
  type NatsConnection,
  type Redis,
} from '@seed/runtime';
import type { ChatConfig } from './config.ts';
import type { ChatDatabase } from './db/chat-database.ts';
import { chatSchema } from './db/schema.ts';

export const SERVICE_NAME = 'chat';
export const migrationsFolder = join(import.meta.dirname, '../drizzle');

/** What the app runs on; tests pass their own, `main` lets the app build them from config. */
export interface ChatInfra {
  nc: NatsConnection;
  redis: Redis;
  /** Uses the gateway's key prefix: reads its presence, writes local file grants for it. */
  presenceRedis: Redis;
  database: ChatDatabase;
}

/**
 * The clients given, and the rest built from config (the database migrated first); `close`
 * closes only those built here.
 */
export async function connectInfrastructure(
  config: ChatConfig,
  logger: Logger,
  given: Partial<ChatInfra> = {},
): Promise<{ infra: ChatInfra; close(): Promise<void> }> {
  const owned: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of owned.reverse()) await c().catch(() => {});
  };
  try {
    const nc = given.nc ?? (await connectNats({ url: config.NATS_URL, name: SERVICE_NAME, logger }));
    if (!given.nc) owned.push(() => nc.drain());
    const redisOf = (name: string, keyPrefix: string) => {
      const r = createRedis({ url: config.REDIS_URL, name, logger, keyPrefix });
      owned.push(() => r.quit());
      return r;
    };
    const redis = given.redis ?? redisOf(SERVICE_NAME, config.REDIS_KEY_PREFIX);
    const presenceRedis = given.presenceRedis ?? redisOf(`${SERVICE_NAME}-presence`, config.GATEWAY_REDIS_KEY_PREFIX);
    let database = given.database;
    if (!database) {
      await migrateDatabase({ url: config.DATABASE_URL, schemaName: 'chat', migrationsFolder, logger });
      const db = createDatabase({
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        schema: chatSchema,
        appName: SERVICE_NAME,
      });
      owned.push(() => db.close());
      database = db;
    }
    return { infra: { nc, redis, presenceRedis, database }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
