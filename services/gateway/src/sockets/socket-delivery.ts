import {
  type Registry,
  type SocketDelivery,
  type SocketEventContract,
  type SocketRoomsChange,
  socketDeliver,
  socketRooms,
} from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import type { GatewayNamespace, GatewayServer, GatewaySocket } from './socket-data.ts';
import { userSocketRoom } from './socket-data.ts';
import type { RoomChange, SocketRoomSync } from './socket-room-sync.ts';

const contractKey = (namespace: string, event: string) => `${namespace}\u0000${event}`;

/** Applies a room change to this replica's sockets of `users` in `nsp`. */
export function changeUsersRooms(
  nsp: GatewayNamespace,
  roomSync: Pick<SocketRoomSync, 'change'>,
  users: readonly string[],
  change: RoomChange,
): void {
  for (const userId of users)
    for (const socketId of nsp.adapter.rooms.get(userSocketRoom(userId)) ?? []) {
      const socket = nsp.sockets.get(socketId) as GatewaySocket | undefined;
      if (socket) roomSync.change(socket, change);
    }
}

/**
 * Serves `gateway.socket.deliver` and `gateway.socket.rooms`. Every replica hears each message (no
 * queue group) and acts on its own sockets only, so each matching socket is reached exactly once
 * and straight from NATS: no second hop through the Redis adapter for the sockets of the other
 * replicas. Room changes and deliveries from one publisher also keep their order this way (a
 * delivery to a room never overtakes the join before it).
 */
export function serveSocketDeliveries(deps: {
  io: GatewayServer;
  nc: NatsConnection;
  registry: Registry;
  logger: Logger;
  roomSync: Pick<SocketRoomSync, 'change'>;
}): ReturnType<typeof subscribeEvent>[] {
  const { io, logger } = deps;
  const socketEvents = new Map<string, SocketEventContract>(
    deps.registry.socketEvents.map((c) => [contractKey(c.namespace, c.event), c]),
  );

  // `io.of()` would create a namespace nobody guards; only ones set up at start-up are served.
  const servedNamespace = (name: string) => io._nsps.get(name);

  function deliver({ namespace, event, target, data }: SocketDelivery) {
    const contract = socketEvents.get(contractKey(namespace, event));
    if (!contract) return logger.warn({ namespace, event }, 'delivery names no socket event contract: dropped');
    const nsp = servedNamespace(namespace);
    if (!nsp) return logger.warn({ namespace, event }, 'delivery to a namespace this gateway does not serve: dropped');
    const rooms = [...(target.rooms ?? []), ...(target.users ?? []).map(userSocketRoom)];
    // Most replicas hold none of a small delivery's sockets: they need not check its payload.
    const local = nsp.adapter.rooms;
    if (!rooms.some((room) => local.has(room))) return;
    const payload = contract.payload.safeParse(data);
    if (!payload.success)
      return logger.warn({ event, issues: payload.error.issues }, 'delivery breaks its socket event contract: dropped');
    const except = (target.exceptUsers ?? []).map(userSocketRoom);
    nsp.local.to(rooms).except(except).emit(event, payload.data);
  }

  function changeRooms({ namespace, users, join, leave }: SocketRoomsChange) {
    const nsp = servedNamespace(namespace);
    if (!nsp) return logger.warn({ namespace }, 'room change in a namespace this gateway does not serve: dropped');
    changeUsersRooms(nsp, deps.roomSync, users, { join, leave });
  }

  return [
    subscribeEvent(deps.nc, socketDeliver, deliver, { logger }),
    subscribeEvent(deps.nc, socketRooms, changeRooms, { logger }),
  ];
}
