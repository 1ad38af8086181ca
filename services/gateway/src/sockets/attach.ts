import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { isSocketRoomsSource, type Registry } from '@seed/contracts';
import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type ServerOptions } from 'socket.io';
import type { TokenVerifier } from '../auth/index.ts';
import type { DomainEvents } from '../events/index.ts';
import { showDomainEventsOnSockets } from './domain-event-views.ts';
import { createPresenceTracker, type PresenceRecorder } from './presence-tracker.ts';
import { disconnectRevokedSessions } from './session-revocation.ts';
import { authenticateSockets } from './socket-auth.ts';
import type { GatewayServer, GatewaySocket } from './socket-data.ts';
import { sessionSocketRoom, userSocketRoom } from './socket-data.ts';
import { serveSocketDeliveries } from './socket-delivery.ts';
import { createSocketDispatcher, type EventRateLimit } from './socket-dispatcher.ts';
import { observeSocketMetrics } from './socket-metrics.ts';
import type { SocketModule } from './socket-module.ts';
import { socketRequestContracts } from './socket-requests.ts';
import { createSocketRoomSync, type RoomSyncOptions } from './socket-room-sync.ts';

export const SOCKET_PATH = '/api/v1/ws';

export interface SocketServerConfig {
  /** Names this replica's entries in shared state; unique per process. */
  replicaId?: string;
  /** NATS queue group shared by the replicas of one cluster; one of them ends a revoked session's sockets. */
  deliveryQueue?: string;
  /** A socket counts as online this long after its replica last refreshed it. */
  presenceTtlMs?: number;
  presenceRefreshMs?: number;
  eventRateLimit?: EventRateLimit;
  /** Largest message a client may send; bigger ones close its connection. */
  maxPayloadBytes?: number;
  /** Browser origins allowed to use the HTTP long-polling transport; none when unset. */
  corsOrigins?: string[];
  /** Protocols served beside the contract events (see socket-module.ts). */
  modules?: SocketModule[];
  roomSync?: RoomSyncOptions;
}

export interface SocketServerDeps {
  httpServer: HttpServer;
  nc: NatsConnection;
  /** Its key prefix also namespaces the adapter's channels. */
  redis: Redis;
  verifier: TokenVerifier;
  registry: Registry;
  logger: Logger;
  /** Where domain events reach this replica, for every kind of client. */
  events: DomainEvents;
  config: SocketServerConfig;
}

export interface SocketServer {
  io: GatewayServer;
  /** This replica's name in shared state (presence members are `<replicaId>:<socketId>`). */
  replicaId: string;
  /** Where other protocols on this replica (the raw WebSocket) report their connections as online. */
  presence: PresenceRecorder;
  /** Drops this replica's sockets (clients reconnect elsewhere), stops deliveries, clears its presence. */
  close(): Promise<void>;
}

/** `*` allows any origin without credentials, as for HTTP; none when empty. */
function corsOptions(origins: string[]): Partial<ServerOptions> {
  if (origins.length === 0) return {};
  return origins.includes('*') ? { cors: { origin: '*' } } : { cors: { origin: origins, credentials: true } };
}

/**
 * Socket.IO at `/api/v1/ws` on the gateway's HTTP server: token handshake, one event per socket
 * request contract, deliveries from services, presence. Replicas share rooms through Redis.
 */
export async function attachSocketServer(deps: SocketServerDeps): Promise<SocketServer> {
  const { config, redis } = deps;
  const logger = deps.logger.child({ component: 'sockets' });
  const replicaId = config.replicaId ?? `${hostname()}-${randomBytes(4).toString('hex')}`;
  const presenceTtlMs = config.presenceTtlMs ?? 45_000;
  const contracts = socketRequestContracts(deps.registry);
  let closing = false;

  const pubClient = redis.duplicate();
  const subClient = redis.duplicate();
  for (const client of [pubClient, subClient])
    client.on('error', (err: Error) => logger.warn({ err: err.message }, 'socket adapter redis error'));

  const io: GatewayServer = new Server(deps.httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: config.maxPayloadBytes ?? 1024 * 1024,
    // Off (the default, pinned): a room emit then frames its packet once for all its websockets.
    perMessageDeflate: false,
    adapter: createAdapter(pubClient, subClient, {
      key: `${redis.options.keyPrefix ?? ''}gateway:sio`,
      // Answers to a replica's cluster-wide queries (fetchSockets) reach only that replica.
      publishOnSpecificResponseChannel: true,
    }),
    allowRequest: (_req, callback) => callback(closing ? 'shutting down' : null, !closing),
    ...corsOptions(config.corsOrigins ?? []),
  });

  const presence = createPresenceTracker({
    redis,
    logger,
    options: { replicaId, ttlMs: presenceTtlMs, refreshMs: config.presenceRefreshMs ?? presenceTtlMs / 3 },
  });
  presence.start();

  const modules = await Promise.all(
    (config.modules ?? []).map((m) =>
      m.attach({
        io,
        nc: deps.nc,
        redis,
        logger: logger.child({ module: m.name }),
        replicaId,
        presence,
        events: deps.events,
      }),
    ),
  );

  observeSocketMetrics(io, contracts);
  const dispatcher = createSocketDispatcher({
    nc: deps.nc,
    contracts,
    rateLimit: config.eventRateLimit ?? { burst: 50, perSecond: 20 },
    logger,
  });
  const roomSync = createSocketRoomSync({
    nc: deps.nc,
    sources: deps.registry.requests.filter(isSocketRoomsSource),
    logger,
    ...(config.roomSync ? { options: config.roomSync } : {}),
  });
  showDomainEventsOnSockets({ io, events: deps.events, roomSync });
  // Shared by every socket (`this` is the socket), so a connection adds no closures of its own.
  function onError(this: GatewaySocket, err: Error) {
    logger.warn({ err: err.message, userId: this.data.caller.userId }, 'socket error');
  }
  function onDisconnect(this: GatewaySocket) {
    presence.disconnected(this.id);
  }

  io.use(authenticateSockets(deps.verifier, logger));
  io.on('connection', (socket) => {
    const { userId, sessionId } = socket.data.caller;
    socket.join([userSocketRoom(userId), sessionSocketRoom(sessionId)]);
    void roomSync.sync(socket);
    presence.connected(socket.id, userId);
    dispatcher.serve(socket);
    for (const m of modules) m.onConnection?.(socket);
    socket.on('error', onError);
    socket.on('disconnect', onDisconnect);
  });

  const subscriptions = [
    ...serveSocketDeliveries({ io, nc: deps.nc, registry: deps.registry, logger, roomSync }),
    disconnectRevokedSessions({ io, nc: deps.nc, queue: config.deliveryQueue ?? 'gateway', logger }),
  ];
  // Answered only once the adapter's pattern subscription and the NATS subscriptions are in place.
  await Promise.all([subClient.ping(), deps.nc.flush()]);
  logger.info({ replicaId, path: SOCKET_PATH, events: contracts.size }, 'socket server attached');

  return {
    io,
    replicaId,
    presence,
    async close() {
      if (closing) return;
      closing = true;
      await Promise.allSettled(subscriptions.map((s) => s.drain()));
      await Promise.allSettled(modules.map((m) => m.close?.()));
      // Closing the transports (not a Socket.IO disconnect) lets clients reconnect to another replica.
      io.engine.close();
      await presence.stop();
      await Promise.allSettled([...io._nsps.values()].map((nsp) => nsp.adapter.close()));
      await Promise.allSettled([pubClient.quit(), subClient.quit()]);
    },
  };
}
