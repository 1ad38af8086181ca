import {
  type Registry,
  type SocketDelivery,
  type SocketEventContract,
  type SocketRoomsChange,
  socketDeliver,
  socketRooms,
} from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import type { GatewayServer } from './socket-data.ts';
import { userRoom } from './socket-data.ts';

const contractKey = (namespace: string, event: string) => `${namespace}\u0000${event}`;

/**
 * Serves `gateway.socket.deliver` and `gateway.socket.rooms`. Each message reaches one replica
 * (queue group); it acts through the Redis adapter, so every replica's matching sockets are
 * reached exactly once.
 */
export function serveSocketDeliveries(deps: {
  io: GatewayServer;
  nc: NatsConnection;
  registry: Registry;
  queue: string;
  logger: Logger;
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
    const payload = contract.payload.safeParse(data);
    if (!payload.success)
      return logger.warn({ event, issues: payload.error.issues }, 'delivery breaks its socket event contract: dropped');
    const nsp = servedNamespace(namespace);
    if (!nsp) return logger.warn({ namespace, event }, 'delivery to a namespace this gateway does not serve: dropped');
    const rooms = [...(target.rooms ?? []), ...(target.users ?? []).map(userRoom)];
    const except = (target.exceptUsers ?? []).map(userRoom);
    nsp.to(rooms).except(except).emit(event, payload.data);
  }

  function changeRooms({ namespace, users, join, leave }: SocketRoomsChange) {
    const nsp = servedNamespace(namespace);
    if (!nsp) return logger.warn({ namespace }, 'room change in a namespace this gateway does not serve: dropped');
    const sockets = nsp.in(users.map(userRoom));
    if (leave?.length) sockets.socketsLeave(leave);
    if (join?.length) sockets.socketsJoin(join);
  }

  return [
    subscribeEvent(deps.nc, socketDeliver, deliver, { queue: deps.queue, logger }),
    subscribeEvent(deps.nc, socketRooms, changeRooms, { queue: deps.queue, logger }),
  ];
}
