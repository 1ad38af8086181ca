import { randomUUID } from 'node:crypto';
import {
  type RequestContract,
  type RequestOf,
  type SocketDelivery,
  type SocketRoomsChange,
  socketDeliver,
  socketRooms,
} from '@seed/contracts';
import {
  connectNats,
  createDatabase,
  createLogger,
  createRedis,
  type NatsConnection,
  presenceKey,
  presenceMember,
  type Redis,
  request,
  subscribeEvent,
} from '@seed/runtime';
import {
  createTestDatabase,
  createTestJobStreams,
  type PrivateNats,
  startPrivateNats,
  type TestDatabase,
  type TestJobStreams,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { type ChatApp, createApp, migrationsFolder } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { chatSchema } from '../../src/db/schema.ts';
import { serveTestUsers } from './test-auth.ts';

let nextUser = 7_000_000_000_000_000n;
/** A user id no other test uses (snowflake-shaped). */
export const newUserId = () => String(nextUser++ + BigInt(Math.floor(Math.random() * 1e9)) * 1000n);

/**
 * One chat service on a database, Redis prefix and NATS server of its own, with auth's user
 * look-ups answered from a list and every socket delivery and room change recorded, in the order a
 * gateway gets them.
 */
export async function startChatWorld(opts: { env?: Record<string, string> } = {}) {
  const logger = createLogger({ service: 'chat-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const nats: PrivateNats = await startPrivateNats();
  const database: TestDatabase = await createTestDatabase([{ schemaName: 'chat', migrationsFolder }]);
  const prefix = testRedisPrefix();
  const nc: NatsConnection = await connectNats({ url: nats.url, name: 'chat-test', logger });
  const redis: Redis = createRedis({ url: testServers().redisUrl, name: 'chat-test', logger, keyPrefix: prefix });
  const jobs: TestJobStreams = await createTestJobStreams(nc);
  const users = await serveTestUsers(nc, logger);
  const deliveries: SocketDelivery[] = [];
  const heard: ({ delivery: SocketDelivery } | { rooms: SocketRoomsChange })[] = [];
  const subscriptions = [
    subscribeEvent(
      nc,
      socketDeliver,
      (delivery) => {
        deliveries.push(delivery);
        heard.push({ delivery });
      },
      { logger },
    ),
    subscribeEvent(nc, socketRooms, (rooms) => void heard.push({ rooms }), { logger }),
  ];
  const db = createDatabase({ url: database.url, poolSize: 5, schema: chatSchema, appName: 'chat-test' });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JOBS_STREAM: jobs.topology.stream,
    JOBS_DLQ_STREAM: jobs.topology.dlqStream,
    JOBS_SUBJECT_PREFIX: jobs.topology.subjectPrefix,
    CLOSED_ROOM_RETENTION_MS: '1000',
    ...opts.env,
  });
  const app: ChatApp = await createApp(config, logger, {
    nc,
    redis,
    presenceRedis: redis,
    database: db,
  });

  /** What a socket of `userId` connected from the start has heard, in order: its rooms, its deliveries. */
  function replay(userId: string) {
    const rooms = new Set<string>();
    const reached: SocketDelivery[] = [];
    for (const h of heard) {
      if ('rooms' in h) {
        if (!h.rooms.users.includes(userId)) continue;
        for (const room of h.rooms.leave ?? []) rooms.delete(room);
        for (const room of h.rooms.join ?? []) rooms.add(room);
        continue;
      }
      const { target } = h.delivery;
      const aimed = target.users?.includes(userId) || target.rooms?.some((room) => rooms.has(room));
      if (aimed && !target.exceptUsers?.includes(userId)) reached.push(h.delivery);
    }
    return { rooms, reached };
  }

  function as(userId: string) {
    const context = { requestId: randomUUID(), caller: { userId, sessionId: '1' } };
    return <C extends RequestContract>(contract: C, input: RequestOf<C>) => request(nc, contract, input, { context });
  }

  return {
    nc,
    natsUrl: nats.url,
    redisPrefix: prefix,
    redis,
    jobs,
    app,
    deliveries,
    /** A user known to auth; returns a caller that speaks for them. */
    user(nickname: string) {
      const id = newUserId();
      users.add({ id, nickname, name: null, avatarUrl: null });
      return { id, nickname, call: as(id) };
    },
    /** Marks users as having a connected socket, as a gateway would. */
    async online(...userIds: string[]) {
      for (const id of userIds) await redis.zadd(presenceKey(id), Date.now() + 60_000, presenceMember('test', id));
    },
    /**
     * The deliveries of `event` that reached a socket of `userId` connected from the start: aimed
     * at the user, or at a room the user's sockets were in at that moment.
     */
    deliveredTo(userId: string, event: string) {
      return replay(userId).reached.filter((d) => d.event === event);
    },
    /** The rooms a socket of `userId` connected from the start is in now. */
    roomsOfSockets(userId: string): string[] {
      return [...replay(userId).rooms];
    },
    async stop() {
      await app.stop();
      for (const sub of subscriptions) await sub.drain();
      await users.stop();
      await jobs.remove();
      await db.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      await redis.quit();
      await nc.drain();
      await database.drop();
      await nats.stop();
    },
  };
}

export type ChatWorld = Awaited<ReturnType<typeof startChatWorld>>;
