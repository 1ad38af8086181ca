import { join } from 'node:path';
import { connectServiceInfrastructure, createRedis, type Logger, type NatsConnection, type Redis } from '@seed/runtime';
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

/** The clients given, and the rest built from config; `close` closes only those built here. */
export async function connectInfrastructure(
  config: ChatConfig,
  logger: Logger,
  given: Partial<ChatInfra> = {},
): Promise<{ infra: ChatInfra; close(): Promise<void> }> {
  const { presenceRedis: givenPresence, ...rest } = given;
  const clients = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'chat',
    migrationsFolder,
    schema: chatSchema,
    config,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    given: rest,
  });
  let presenceRedis = givenPresence;
  if (!presenceRedis) {
    const redis = createRedis({
      url: config.REDIS_URL,
      name: `${SERVICE_NAME}-presence`,
      logger,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      keyPrefix: config.GATEWAY_REDIS_KEY_PREFIX,
    });
    clients.own(() => redis.quit());
    presenceRedis = redis;
  }
  return { infra: { ...clients.infra, presenceRedis }, close: clients.close };
}
