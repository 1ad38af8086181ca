import { join } from 'node:path';
import {
  connectServiceInfrastructure,
  createIdempotency,
  createLeasedSnowflake,
  createServiceHost,
  type Logger,
  type NatsConnection,
  type Redis,
} from '@seed/runtime';
import type { PlaycoConfig } from './config.ts';
import type { PlaycoDatabase } from './db/database.ts';
import { schema } from './db/schema.ts';
import { createPlaycoStore } from './db/store.ts';
import { createItemsService, serveItemsHandlers } from './items/index.ts';
import { createPlaybackRepository, createPlaybackService, servePlaybackHandlers } from './playback/index.ts';
import { createPlaylistsService, servePlaylistsHandlers } from './playlists/index.ts';
import {
  createSessionEvents,
  createSessionsRepository,
  createSessionsService,
  serveSessionsHandlers,
  startConnectionSweeper,
} from './sessions/index.ts';
import { createSioTokens, createSioTokensRepository, serveSioTokensHandlers } from './sio/index.ts';
import { createUserDirectory, type UserDirectory } from './users/index.ts';
import { createOembedClient, type VideoMetadataSource } from './youtube/index.ts';

export const SERVICE_NAME = 'playco';
export const migrationsFolder = join(import.meta.dirname, '../drizzle');

/** What the app runs on; tests pass their own, `main` lets the app build them from config. */
export interface PlaycoInfra {
  nc: NatsConnection;
  redis: Redis;
  database: PlaycoDatabase;
}

/** Composition root: builds playco on its infrastructure and starts serving its contracts. */
export async function createApp(
  config: PlaycoConfig,
  logger: Logger,
  given: Partial<PlaycoInfra> & { users?: UserDirectory; metadata?: VideoMetadataSource } = {},
) {
  const { users, metadata, ...givenClients } = given;
  const { infra, close: closeClients } = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'playco',
    migrationsFolder,
    schema,
    config,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    given: givenClients,
  });
  const { nc, redis, database } = infra;

  const { ids, lease } = await createLeasedSnowflake(redis, logger);
  const store = createPlaycoStore(database.db);
  const sessionEvents = createSessionEvents(nc, logger);
  const sessions = createSessionsService({
    repo: createSessionsRepository(redis),
    playlists: store.playlists,
    users: users ?? createUserDirectory(nc),
    sessionEvents,
    logger,
    connectionTtlMs: config.PLAYCO_CONNECTION_TTL_MS,
    maxConnectionsPerUser: config.PLAYCO_MAX_SESSIONS_PER_USER,
  });
  const services = {
    playlists: createPlaylistsService({
      store,
      ids,
      events: sessions.events,
      maxPlaylistsPerUser: config.PLAYCO_MAX_PLAYLISTS,
    }),
    items: createItemsService({
      store,
      ids,
      events: sessions.events,
      metadata:
        metadata ??
        createOembedClient({ endpoint: config.YOUTUBE_OEMBED_URL, timeoutMs: config.YOUTUBE_OEMBED_TIMEOUT_MS }),
      maxItemsPerPlaylist: config.PLAYCO_MAX_ITEMS,
    }),
    sessions,
    playback: createPlaybackService({
      repo: createPlaybackRepository(redis),
      sessions,
      playlists: store.playlists,
      sessionEvents,
      leadMs: config.PLAYCO_PLAYBACK_LEAD_MS,
    }),
    sioTokens: createSioTokens({ repo: createSioTokensRepository(redis), ttlMs: config.PLAYCO_SIO_TOKEN_TTL_MS }),
  };

  const host = await createServiceHost(nc, {
    name: SERVICE_NAME,
    version: '0.1.0',
    logger,
    idempotency: createIdempotency(redis, { ttlMs: config.IDEMPOTENCY_KEY_TTL_SEC * 1000 }),
  });
  servePlaylistsHandlers(host, services.playlists, logger);
  serveItemsHandlers(host, services.items);
  serveSessionsHandlers(host, services.sessions);
  servePlaybackHandlers(host, services.playback);
  serveSioTokensHandlers(host, services.sioTokens);
  const sweeper = startConnectionSweeper({ sessions, intervalMs: config.PLAYCO_SWEEP_INTERVAL_MS, logger });
  logger.info({ workerId: lease.workerId }, 'playco serving');

  return {
    services,
    infra,
    readiness: { ids: lease.isValid },
    async stop() {
      await sweeper.stop();
      await host.stop();
      await lease.release();
      await closeClients();
    },
  };
}

export type PlaycoApp = Awaited<ReturnType<typeof createApp>>;
