import { join } from 'node:path';
import {
  connectServiceInfrastructure,
  createServiceHost,
  createSnowflake,
  type Database,
  type Logger,
  leaseWorkerId,
  type NatsConnection,
  type Redis,
} from '@seed/runtime';
import type { PlaycoConfig } from './config.ts';
import { schema } from './db/schema.ts';
import { createItemsService } from './items/items.service.ts';
import { createPlaybackService } from './playback/playback.service.ts';
import { createPlaybackStore } from './playback/playback.store.ts';
import { createPlaylistsRepository } from './playlists/playlists.repository.ts';
import { createPlaylistsService } from './playlists/playlists.service.ts';
import { startConnectionSweeper } from './sessions/connection-sweeper.ts';
import { createSessionEvents } from './sessions/sessions.events.ts';
import { createSessionsService } from './sessions/sessions.service.ts';
import { createSessionsStore } from './sessions/sessions.store.ts';
import { createSioTokens } from './sio/sio-tokens.service.ts';
import { createSioTokenStore } from './sio/sio-tokens.store.ts';
import { type PlaycoServices, serveContracts, subscribeEvents } from './transport/nats.handlers.ts';
import { createUserDirectory, type UserDirectory } from './users/user-directory.ts';
import { createOembedClient, type VideoMetadataSource } from './youtube/oembed-client.ts';

export const SERVICE_NAME = 'playco';
export const migrationsFolder = join(import.meta.dirname, '../drizzle');

/** What the app runs on; tests pass their own, `main` lets the app build them from config. */
export interface PlaycoInfra {
  nc: NatsConnection;
  redis: Redis;
  database: Database<typeof schema>;
}

export interface PlaycoApp {
  services: PlaycoServices;
  infra: PlaycoInfra;
  stop(): Promise<void>;
}

/** Composition root: builds playco on its infrastructure and starts serving its contracts. */
export async function createApp(
  config: PlaycoConfig,
  logger: Logger,
  given?: Partial<PlaycoInfra> & { users?: UserDirectory; metadata?: VideoMetadataSource },
): Promise<PlaycoApp> {
  const { infra, close: closeClients } = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'playco',
    migrationsFolder,
    schema,
    config,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    ...(given ? { given } : {}),
  });
  const { nc, redis, database } = infra;

  const lease = await leaseWorkerId(redis);
  const ids = createSnowflake({ workerId: lease.workerId, isValid: lease.isValid });
  const store = createPlaylistsRepository(database);
  const sessionEvents = createSessionEvents(nc, logger);
  const sessions = createSessionsService({
    store: createSessionsStore(redis),
    playlists: store,
    users: given?.users ?? createUserDirectory(nc),
    sessionEvents,
    logger,
    connectionTtlMs: config.PLAYCO_CONNECTION_TTL_MS,
    maxConnectionsPerUser: config.PLAYCO_MAX_SESSIONS_PER_USER,
  });
  const metadata =
    given?.metadata ??
    createOembedClient({ endpoint: config.YOUTUBE_OEMBED_URL, timeoutMs: config.YOUTUBE_OEMBED_TIMEOUT_MS });
  const services: PlaycoServices = {
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
      metadata,
      maxItemsPerPlaylist: config.PLAYCO_MAX_ITEMS,
    }),
    sessions,
    playback: createPlaybackService({
      store: createPlaybackStore(redis),
      sessions,
      playlists: store,
      sessionEvents,
      leadMs: config.PLAYCO_PLAYBACK_LEAD_MS,
    }),
    sioTokens: createSioTokens({ store: createSioTokenStore(redis), ttlMs: config.PLAYCO_SIO_TOKEN_TTL_MS }),
  };

  const host = await createServiceHost(nc, { name: SERVICE_NAME, version: '0.1.0', logger });
  serveContracts(host, services);
  const subscriptions = subscribeEvents(nc, services, logger);
  const sweeper = startConnectionSweeper({ sessions, intervalMs: config.PLAYCO_SWEEP_INTERVAL_MS, logger });
  logger.info({ workerId: lease.workerId }, 'playco serving');

  return {
    services,
    infra: { nc, redis, database },
    async stop() {
      await sweeper.stop();
      await Promise.allSettled(subscriptions.map((sub) => sub.drain()));
      await host.stop();
      await lease.release();
      await closeClients();
    },
  };
}
