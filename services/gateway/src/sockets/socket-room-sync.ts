import { type SocketRoomsSourceContract, socketError } from '@seed/contracts';
import { type Logger, type NatsConnection, request } from '@seed/runtime';
import type { GatewaySocket } from './socket-data.ts';

export interface RoomChange {
  join?: string[] | undefined;
  leave?: string[] | undefined;
}

export interface RoomSyncOptions {
  /** Waits before each retry of a source that did not answer; then the socket is told. */
  retryDelaysMs?: number[];
}

const DEFAULT_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

/**
 * Puts each new socket in the rooms the services keep for its user (their `<domain>.socket.rooms`
 * contracts). A `gateway.socket.rooms` change for a socket whose answers are still on their way
 * is applied at once and again after them, in order: a change made meanwhile is never undone by
 * an answer read before it (joins and leaves are idempotent).
 */
export function createSocketRoomSync(deps: {
  nc: NatsConnection;
  sources: SocketRoomsSourceContract[];
  logger: Logger;
  options?: RoomSyncOptions;
}) {
  const retryDelays = deps.options?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  /** The changes applied to each socket still waiting for its answers, to apply again after them. */
  const meanwhile = new WeakMap<GatewaySocket, RoomChange[]>();

  function apply(socket: GatewaySocket, change: RoomChange) {
    if (change.leave?.length) for (const room of change.leave) socket.leave(room);
    if (change.join?.length) socket.join(change.join);
  }

  async function roomsFrom(source: SocketRoomsSourceContract, socket: GatewaySocket): Promise<string[]> {
    const { userId } = socket.data.caller;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await request(deps.nc, source, { userId })).rooms;
      } catch (err) {
        const delay = retryDelays[attempt];
        if (delay === undefined || !socket.connected) throw err;
        deps.logger.warn({ err: (err as Error).message, subject: source.subject, userId }, 'socket rooms: retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (!socket.connected) throw err;
      }
    }
  }

  return {
    /** Asks every source for the socket's rooms and joins them. */
    async sync(socket: GatewaySocket): Promise<void> {
      if (deps.sources.length === 0) return;
      const changes: RoomChange[] = [];
      meanwhile.set(socket, changes);
      const answers = await Promise.allSettled(deps.sources.map((source) => roomsFrom(source, socket)));
      meanwhile.delete(socket);
      if (!socket.connected) return;
      for (const answer of answers) if (answer.status === 'fulfilled') socket.join(answer.value);
      for (const change of changes) apply(socket, change);
      const failed = deps.sources.filter((_, i) => answers[i]!.status === 'rejected').map((s) => s.subject);
      if (failed.length === 0) return;
      deps.logger.error({ failed, userId: socket.data.caller.userId }, 'socket rooms unavailable');
      socket.emit(socketError.event, {
        code: 'service_unavailable',
        message: 'live updates of some rooms are unavailable; reconnect to retry',
        details: { sources: failed },
      });
    },

    /** Applies a change to the socket now (and again after its rooms arrive, if they have not). */
    change(socket: GatewaySocket, change: RoomChange): void {
      apply(socket, change);
      meanwhile.get(socket)?.push(change);
    },
  };
}

export type SocketRoomSync = ReturnType<typeof createSocketRoomSync>;
