import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  connectServiceInfrastructure,
  createIdempotency,
  createLeasedSnowflake,
  createPresenceReader,
  createRedis,
  createServiceHost,
  ensureJobStreams,
  type JobsTopology,
  type Logger,
  type NatsConnection,
  type Redis,
} from '@seed/runtime';
import { type BlobStorage, createBlobStorage } from '@seed/runtime/uploads';
import { serveCleanupHandlers } from './cleanup/index.ts';
import type { ChatConfig } from './config.ts';
import type { ChatDatabase } from './db/database.ts';
import { chatSchema } from './db/schema.ts';
import { createChatStore } from './db/store.ts';
import { createFriendsEvents, createFriendsService, serveFriendsHandlers } from './friends/index.ts';
import {
  createMessagesEvents,
  createMessagesService,
  createSendLimiter,
  type NewMessageListener,
  serveMessagesHandlers,
} from './messages/index.ts';
import { createOfflinePush } from './push/index.ts';
import { createReadsEvents, createReadsService, serveReadsHandlers } from './reads/index.ts';
import { createRoomsEvents, createRoomsService, roomAccess, serveRoomsHandlers } from './rooms/index.ts';
import { chatImages, createChatUploads, serveUploadsHandlers } from './uploads/index.ts';
import { createUserDirectory, type UserDirectory } from './users/index.ts';

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

/** Composition root: builds the chat service on its infrastructure and starts serving NATS. */
export async function createApp(
  config: ChatConfig,
  logger: Logger,
  given: Partial<ChatInfra> & { users?: UserDirectory; blobs?: BlobStorage } = {},
) {
  const { presenceRedis: givenPresence, users: givenUsers, blobs, ...givenClients } = given;
  const clients = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'chat',
    migrationsFolder,
    schema: chatSchema,
    config,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    logger,
    given: givenClients,
  });
  const presenceRedis =
    givenPresence ??
    createRedis({
      url: config.REDIS_URL,
      name: `${SERVICE_NAME}-presence`,
      logger,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      keyPrefix: config.GATEWAY_REDIS_KEY_PREFIX,
    });
  if (!givenPresence) clients.own(() => presenceRedis.quit());
  const infra: ChatInfra = { ...clients.infra, presenceRedis };
  const { nc, redis, database } = infra;

  const { ids, lease } = await createLeasedSnowflake(redis, logger);
  const nextId = () => ids.next();
  const store = createChatStore(database.db);
  const users = givenUsers ?? createUserDirectory({ nc });
  const presence = createPresenceReader(presenceRedis);
  const topology: JobsTopology = {
    stream: config.JOBS_STREAM,
    dlqStream: config.JOBS_DLQ_STREAM,
    subjectPrefix: config.JOBS_SUBJECT_PREFIX,
  };
  const listeners: NewMessageListener[] = [];
  if (config.PUSH === 'on') {
    const js = jetstream(nc);
    // Pushes may be enqueued before any worker has created the streams.
    await ensureJobStreams(js, topology);
    listeners.push(createOfflinePush({ js, topology, presence }));
  }
  const storage = blobs ?? createBlobStorage(config, { nc, gatewayRedis: presenceRedis });
  const uploads = createChatUploads({ config, database, storage, nextId });
  const rooms = roomAccess(store.rooms);
  const friends = createFriendsService({
    repo: store.friends,
    users,
    presence,
    events: createFriendsEvents(nc),
    nextId,
  });
  const services = {
    friends,
    rooms: createRoomsService({
      repo: store.rooms,
      users,
      presence,
      events: createRoomsEvents(nc),
      blocks: friends,
      friendships: friends,
      nextId,
      openRoomMaxMembers: config.OPEN_ROOM_MAX_MEMBERS,
    }),
    messages: createMessagesService({
      repo: store.messages,
      blocks: friends,
      rooms,
      users,
      events: createMessagesEvents(nc),
      limiter: createSendLimiter({ redis, max: config.SEND_RATE_MAX, windowMs: config.SEND_RATE_WINDOW_MS }),
      images: chatImages(uploads),
      listeners,
      nextId,
      logger,
    }),
    reads: createReadsService({ repo: store.reads, rooms, messages: store.messages, events: createReadsEvents(nc) }),
    uploads,
  };

  const host = await createServiceHost(nc, {
    name: SERVICE_NAME,
    version: '0.1.0',
    logger,
    idempotency: createIdempotency(redis, { ttlMs: config.IDEMPOTENCY_KEY_TTL_SEC * 1000 }),
  });
  serveFriendsHandlers(host, services.friends);
  serveRoomsHandlers(host, services.rooms);
  serveMessagesHandlers(host, services.messages);
  serveReadsHandlers(host, services.reads);
  serveUploadsHandlers(host, services.uploads);
  serveCleanupHandlers(host, services, {
    closedRoomRetentionMs: config.CLOSED_ROOM_RETENTION_MS,
    staleUploadAgeMs: config.STALE_UPLOAD_AGE_MS,
  });
  logger.info({ workerId: lease.workerId }, 'chat serving');

  return {
    services,
    infra,
    readiness: { ids: lease.isValid },
    async stop() {
      await host.stop();
      await lease.release();
      await clients.close();
    },
  };
}

export type ChatApp = Awaited<ReturnType<typeof createApp>>;
