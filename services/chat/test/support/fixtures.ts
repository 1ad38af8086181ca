import {
  chatSocketRoom,
  messageCreated,
  messageCreatedSocket,
  messageDeleted,
  messageDeletedSocket,
  messageUpdated,
  messageUpdatedSocket,
  type SocketDelivery,
  type SocketRoomsChange,
  socketDeliver,
  socketRooms,
} from '@seed/contracts';
import {
  DEFAULT_JOBS_TOPOLOGY,
  type Logger,
  type NatsConnection,
  presenceKey,
  presenceMember,
  type Redis,
  subscribeEvent,
} from '@seed/runtime';
import {
  type FakeAuth,
  test as kit,
  type ServiceEnv,
  type TestGateway,
  type TestService,
  type TestSocketOptions,
} from '@seed/testkit';
import type { Socket } from 'socket.io-client';

/**
 * Chat as the gateway and other services reach it, with every socket delivery and socket room
 * change recorded in the order a gateway gets them. A message event counts as the delivery the
 * gateway makes of it: its socket event to the room's sockets.
 */
export function chatWorldOf(f: {
  chat: TestService<'chat'>;
  nc: NatsConnection;
  redis: Redis;
  fakeAuth: FakeAuth;
  logger: Logger;
}) {
  const { nc, redis, fakeAuth } = f;
  const deliveries: SocketDelivery[] = [];
  const heard: ({ delivery: SocketDelivery } | { rooms: SocketRoomsChange })[] = [];
  const record = (delivery: SocketDelivery) => {
    deliveries.push(delivery);
    heard.push({ delivery });
  };
  const messageEvents = [
    [messageCreated, messageCreatedSocket],
    [messageUpdated, messageUpdatedSocket],
    [messageDeleted, messageDeletedSocket],
  ] as const;
  const subscriptions = [
    subscribeEvent(nc, socketDeliver, record, { logger: f.logger }),
    subscribeEvent(nc, socketRooms, (rooms) => void heard.push({ rooms }), { logger: f.logger }),
    ...messageEvents.map(([event, socketEvent]) =>
      subscribeEvent(
        nc,
        event,
        ({ message }) =>
          record({
            namespace: '/',
            event: socketEvent.event,
            target: { rooms: [chatSocketRoom(message.roomId)] },
            data: message,
          }),
        { logger: f.logger },
      ),
    ),
  ];

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

  return {
    nc,
    redis,
    chat: f.chat,
    deliveries,
    jobs: { topology: DEFAULT_JOBS_TOPOLOGY },
    /** A user known to auth, and a caller that speaks for them. */
    user: (nickname: string) => fakeAuth.knownUser(nickname),
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
    stop: () => Promise.allSettled(subscriptions.map((sub) => sub.drain())),
  };
}
export type ChatWorld = ReturnType<typeof chatWorldOf>;

/** Two gateway replicas in front of chat, and signed-in sockets on them. */
function gatewayPairOf(f: {
  gateways: { a: TestGateway; b: TestGateway };
  fakeAuth: FakeAuth;
  connectTestSocket: (url: string, opts?: TestSocketOptions) => Promise<Socket>;
}) {
  const token = (userId: string) => f.fakeAuth.sign(userId, { sessionId: '1' });
  return {
    a: f.gateways.a,
    b: f.gateways.b,
    tokens: f.fakeAuth.tokens,
    token,
    /** A socket on `namespace` of a replica, signed in as `userId`. */
    async connect(replicaUrl: string, userId: string, namespace = '/', auth: Record<string, unknown> = {}) {
      return f.connectTestSocket(replicaUrl, { namespace, token: await token(userId), auth });
    },
  };
}
export type GatewayPair = ReturnType<typeof gatewayPairOf>;

/** The kit's fixtures for chat's tests: `chatWorld` over NATS, `gatewayPair` in front of it. */
export const test = kit
  .extend('serviceEnv', { scope: 'file' }, { chat: { CLOSED_ROOM_RETENTION_MS: '1000' } } as ServiceEnv)
  .extend('chatWorld', { scope: 'file' }, ({ chat, nc, redis, fakeAuth, logger }, { onCleanup }) => {
    const world = chatWorldOf({ chat, nc, redis, fakeAuth, logger });
    onCleanup(async () => {
      await world.stop();
    });
    return world;
  })
  .extend('gatewayPair', { scope: 'file' }, ({ gateways, fakeAuth, connectTestSocket }) =>
    gatewayPairOf({ gateways, fakeAuth, connectTestSocket }),
  );
