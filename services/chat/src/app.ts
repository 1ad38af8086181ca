import { jetstream } from '@nats-io/jetstream';
import {
  createIdempotency,
  createLeasedSnowflake,
  createPresenceReader,
  createServiceHost,
  ensureJobStreams,
  type JobsTopology,
  type Logger,
  type ReadinessCheck,
  type ServiceHost,
} from '@seed/runtime';
import { type BlobStore, createBlobStore, createUploads, IMAGE_TYPES } from '@seed/runtime/uploads';
import type { ChatConfig } from './config.ts';
import { uploads as uploadsTable } from './db/schema.ts';
import { createChatNotifier } from './delivery/chat-notifier.ts';
import { createFriendsRepository } from './friends/friends.repository.ts';
import { createFriendsService } from './friends/friends.service.ts';
import { type ChatInfra, connectInfrastructure, SERVICE_NAME } from './infrastructure.ts';
import { createSendLimiter } from './limits/send-limiter.ts';
import { createMessagesRepository } from './messages/messages.repository.ts';
import { createMessagesService, type NewMessageListener } from './messages/messages.service.ts';
import { createOfflinePush } from './push/offline-push.ts';
import { createReadsRepository } from './reads/reads.repository.ts';
import { createReadsService } from './reads/reads.service.ts';
import { createRoomsRepository } from './rooms/rooms.repository.ts';
import { createRoomsService } from './rooms/rooms.service.ts';
import { subscribeChatEvents } from './transport/nats.events.ts';
import { type ChatServices, serveChat } from './transport/nats.handlers.ts';
import { CHAT_IMAGE, chatImages } from './uploads/chat-images.ts';
import { createUserDirectory, type UserDirectory } from './users/user-directory.ts';

export { migrationsFolder, SERVICE_NAME } from './infrastructure.ts';

export interface ChatApp {
  services: ChatServices;
  infra: ChatInfra;
  readiness: Record<string, ReadinessCheck>;
  stop(): Promise<void>;
}

/** Composition root: builds the chat service on its infrastructure and starts serving NATS. */
export async function createApp(
  config: ChatConfig,
  logger: Logger,
  given?: Partial<ChatInfra> & { users?: UserDirectory; blobs?: BlobStore },
): Promise<ChatApp> {
  const { infra, close } = await connectInfrastructure(config, logger, given);
  const { nc, redis, presenceRedis, database } = infra;
  const { ids, lease } = await createLeasedSnowflake(redis, logger);
  const nextId = () => ids.next();
  const users = given?.users ?? createUserDirectory({ nc });
  const presence = createPresenceReader(presenceRedis);
  const notifier = createChatNotifier(nc);
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

  const uploads = createUploads({
    db: database.db,
    table: uploadsTable,
    store: given?.blobs ?? createBlobStore(config, { nc, gatewayRedis: presenceRedis }),
    purposes: [{ name: CHAT_IMAGE, maxBytes: config.CHAT_IMAGE_MAX_BYTES, contentTypes: IMAGE_TYPES }],
    nextId,
    keyPrefix: SERVICE_NAME,
    uploadUrlTtlSec: config.UPLOAD_URL_TTL_SEC,
    readUrlTtlSec: config.READ_URL_TTL_SEC,
  });
  const roomsRepo = createRoomsRepository(database.db);
  const messagesRepo = createMessagesRepository(database.db);
  const friends = createFriendsService({
    repo: createFriendsRepository(database.db),
    users,
    presence,
    notifier,
    nextId,
  });
  const services: ChatServices = {
    friends,
    rooms: createRoomsService({
      repo: roomsRepo,
      users,
      presence,
      notifier,
      blocks: friends,
      nextId,
      openRoomMaxMembers: config.OPEN_ROOM_MAX_MEMBERS,
    }),
    messages: createMessagesService({
      repo: messagesRepo,
      rooms: roomsRepo,
      users,
      notifier,
      limiter: createSendLimiter({ redis, max: config.SEND_RATE_MAX, windowMs: config.SEND_RATE_WINDOW_MS }),
      images: chatImages(uploads),
      listeners,
      nextId,
      logger,
    }),
    reads: createReadsService({
      repo: createReadsRepository(database.db),
      rooms: roomsRepo,
      messages: messagesRepo,
      notifier,
    }),
    uploads,
  };

  const host: ServiceHost = await createServiceHost(nc, {
    name: SERVICE_NAME,
    version: '0.1.0',
    logger,
    idempotency: createIdempotency(redis, { ttlMs: config.IDEMPOTENCY_KEY_TTL_SEC * 1000 }),
  });
  serveChat(host, services, {
    closedRoomRetentionMs: config.CLOSED_ROOM_RETENTION_MS,
    staleUploadAgeMs: config.STALE_UPLOAD_AGE_MS,
  });
  const subscriptions = subscribeChatEvents(nc, services, logger);
  logger.info({ workerId: lease.workerId }, 'chat serving');

  return {
    services,
    infra,
    readiness: { ids: lease.isValid },
    async stop() {
      await Promise.allSettled(subscriptions.map((sub) => sub.drain()));
      await host.stop();
      await lease.release();
      await close();
    },
  };
}
