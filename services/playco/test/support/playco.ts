import { randomInt } from 'node:crypto';
import type { RequestContract, RequestOf } from '@seed/contracts';
import { connectNats, createLogger, createRedis, type NatsConnection, type Redis, request } from '@seed/runtime';
import { createTestDatabase, startPrivateNats, testRedisPrefix, testServers } from '@seed/runtime/testing';
import { createApp, migrationsFolder, type PlaycoApp } from '../../src/app.ts';
import { type PlaycoConfig, playcoConfigSchema } from '../../src/config.ts';
import { serveUsers } from './fake-auth.ts';
import { startOembedServer } from './oembed-server.ts';

export const playcoMigrations = [{ schemaName: 'playco', migrationsFolder }];

/** A fresh user id (snowflake form). */
export const newUserId = (): string => `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(15, '0')}`;

export const logger = createLogger({ service: 'playco-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * A playco world of its own: a private NATS, a fresh database, a Redis prefix, a local oEmbed
 * server, the auth lookups it needs, and `replicas` playco processes' worth of apps.
 */
export async function startPlayco(opts: { env?: Record<string, string>; replicas?: number } = {}) {
  const nats = await startPrivateNats();
  const db = await createTestDatabase(playcoMigrations);
  const oembed = await startOembedServer();
  const redisPrefix = testRedisPrefix();
  const nc: NatsConnection = await connectNats({ url: nats.url, name: 'playco-test', logger });
  const redis: Redis = createRedis({
    url: testServers().redisUrl,
    name: 'playco-test',
    logger,
    keyPrefix: redisPrefix,
  });
  const nicknames = new Map<string, string>();
  const auth = await serveUsers(nc, logger, nicknames);
  const config: PlaycoConfig = playcoConfigSchema.parse({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    NATS_URL: nats.url,
    YOUTUBE_OEMBED_URL: oembed.url,
    YOUTUBE_OEMBED_TIMEOUT_MS: '1000',
    ...opts.env,
  });
  const apps: PlaycoApp[] = [];
  for (let i = 0; i < (opts.replicas ?? 1); i++) apps.push(await createApp(config, logger, { nc, redis }));

  return {
    natsUrl: nats.url,
    nc,
    redis,
    redisPrefix,
    oembed,
    config,
    apps,
    /** A user auth knows, with this nickname. */
    user(nickname: string): string {
      const id = newUserId();
      nicknames.set(id, nickname);
      return id;
    },
    /** Calls a contract over NATS as `userId` (the way the gateway forwards a request). */
    as<C extends RequestContract>(userId: string | undefined, contract: C, input: RequestOf<C>) {
      const context = { requestId: `t-${randomInt(1e9)}`, ...(userId ? { caller: { userId, sessionId: '1' } } : {}) };
      return request(nc, contract, input, { context });
    },
    async stop() {
      for (const app of apps) await app.stop();
      await auth.stop();
      await nc.drain();
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(redisPrefix.length)));
      await redis.quit();
      await oembed.stop();
      await nats.stop();
      await db.drop();
    },
  };
}
export type PlaycoWorld = Awaited<ReturnType<typeof startPlayco>>;
