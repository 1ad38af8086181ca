import {
  type ClientSocketEventContract,
  controlPlayback,
  joinSession,
  leaveSession,
  playcoPlaybackControl,
  playcoSessionJoin,
  playcoSessionLeave,
  playcoSessionStatus,
  playlistSocketRoom,
  setSessionStatus,
  socketError,
} from '@seed/contracts';
import {
  AppError,
  isAppError,
  type Logger,
  type NatsConnection,
  request,
  toErrorBody,
  zodDetails,
} from '@seed/runtime';
import type { z } from 'zod';
import type { GatewaySocket } from '../socket-data.ts';
import { createTokenBucket } from '../token-bucket.ts';
import { PLAYCO_EVENT_RATE, type PlaycoConnections } from './playco-connections.ts';

type Ack = (body: unknown) => void;

/**
 * The playco session events of the new API on `/` (they need the socket, so they are not plain
 * contract events): `playco:session:join|leave|status` and `playco:playback:control`, each
 * answered through its acknowledgement like any contract event.
 */
export function servePlaycoSessionEvents(
  socket: GatewaySocket,
  deps: { nc: NatsConnection; connections: PlaycoConnections; logger: Logger },
): void {
  const { nc, connections } = deps;
  const connectionId = connections.idOf(socket.id);
  const joined = new Set<string>();
  let opened: Promise<unknown> | undefined;
  const bucket = createTokenBucket(PLAYCO_EVENT_RATE);

  function lapsed() {
    opened = undefined;
    for (const playlistId of joined) socket.leave(playlistSocketRoom(playlistId));
    joined.clear();
  }

  function ensureOpen() {
    opened ??= connections.open(connectionId, socket.data.caller.userId, 'socket', lapsed).catch((err) => {
      opened = undefined;
      throw err;
    });
    return opened;
  }

  function on<P extends z.ZodType>(
    contract: ClientSocketEventContract<string, P>,
    handle: (payload: z.output<P>) => Promise<unknown>,
  ) {
    const { event } = contract;
    socket.on(event, async (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
      try {
        if (!bucket.take())
          throw new AppError('rate_limited', 'too many events', { retryAfterMs: bucket.retryAfterMs() });
        const expiresAt = socket.data.tokenExpiresAt;
        if (expiresAt !== undefined && Date.now() >= expiresAt)
          throw new AppError('token_expired', 'access token expired: reconnect with a fresh one');
        const parsed = contract.payload.safeParse(args[0] ?? {});
        if (!parsed.success) throw new AppError('validation_failed', 'invalid request', zodDetails(parsed.error));
        const data = await handle(parsed.data);
        ack?.({ ok: true, data });
      } catch (err) {
        if (!isAppError(err)) deps.logger.error({ err, event }, 'playco session event failed');
        const error = toErrorBody(err);
        if (ack) ack({ ok: false, error });
        else socket.emit(socketError.event, { ...error, event });
      }
    });
  }

  on(playcoSessionJoin, async (p) => {
    await ensureOpen();
    const reply = await request(nc, joinSession, { connectionId, ...p });
    joined.add(p.playlistId);
    socket.join(playlistSocketRoom(p.playlistId));
    return reply;
  });
  on(playcoSessionLeave, async (p) => {
    const reply = await request(nc, leaveSession, { connectionId, ...p });
    joined.delete(p.playlistId);
    socket.leave(playlistSocketRoom(p.playlistId));
    return reply;
  });
  on(playcoSessionStatus, (p) => request(nc, setSessionStatus, { connectionId, ...p }));
  on(playcoPlaybackControl, (p) => request(nc, controlPlayback, { connectionId, ...p }));

  socket.on('disconnect', () => {
    if (opened) void connections.close(connectionId);
  });
}
