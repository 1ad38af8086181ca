import {
  type ClientSocketEventContract,
  joinSession,
  leaveSession,
  playlistRoom,
  SEED_NAMESPACE,
  type SeedEnvelope,
  seedEnvelope,
  seedPlaycoConnect,
  seedPlaycoConnectSnake,
  seedPlaylistEnter,
  seedPlaylistLeave,
  seedPlaylistSetStatus,
  seedResponseEvent,
  setSessionStatus,
  toSeedRoom,
  verifySioToken,
} from '@seed/contracts';
import { isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { z } from 'zod';
import type { GatewayServer } from '../socket-data.ts';
import { createTokenBucket } from '../token-bucket.ts';
import type { PlaycoConnections } from './playco-connections.ts';
import { SeedRefusal, seedFailure, seedRefusalOf } from './seed-replies.ts';

type Payload = Record<string, unknown>;
/** Events one socket may send: a burst, then this many per second. */
export const EVENT_RATE = { capacity: 30, refillPerSecond: 10 };

/**
 * The seed 000 protocol on `/playco_ws`: a socket connects without a token, gets a Socket.IO token
 * for its `sid` over HTTP, then sends `playcoConnect` and the playlist events with that token,
 * each answered on `REQUEST_RESPONSE_<request_id>` in the seed envelope. Playco checks tokens and
 * permissions; this only speaks the protocol.
 */
export function serveSeedNamespace(deps: {
  io: GatewayServer;
  nc: NatsConnection;
  connections: PlaycoConnections;
  logger: Logger;
  /** A socket that opens no session within this time is disconnected. */
  idleMs: number;
}): void {
  const { nc, connections, logger } = deps;

  deps.io.of(SEED_NAMESPACE).on('connection', (socket) => {
    const connectionId = connections.idOf(socket.id);
    let session: { userId: string } | undefined;
    let verified: { key: string; userId: string; expiresAtMs: number } | undefined;
    const bucket = createTokenBucket(EVENT_RATE);
    const idle = setTimeout(() => session || socket.disconnect(true), deps.idleMs);
    idle.unref();

    /** The user of a valid token for this socket (re-checked once the cached one expires). */
    async function tokenUser(payload: Payload): Promise<string> {
      const [token, csrf] = [String(payload.sio_token), String(payload.sio_csrf_token)];
      const key = `${token}\u0000${csrf}`;
      if (verified?.key === key && Date.now() < verified.expiresAtMs) return verified.userId;
      const { userId, expiresAt } = await request(nc, verifySioToken, {
        sid: socket.id,
        sio_token: token,
        sio_csrf_token: csrf,
      });
      if (session && session.userId !== userId)
        throw new SeedRefusal('SIO_TOKEN_INVALID', 'the token is another user’s');
      verified = { key, userId, expiresAtMs: Date.parse(expiresAt) };
      return userId;
    }

    function requireSession() {
      if (!session) throw new SeedRefusal('SESSION_NOT_EXIST', 'send playcoConnect first');
      return session;
    }

    /**
     * Serves one seed event, answering as the seed does: a missing field first, then the token,
     * then the session (`session`), then any other field its contract refuses.
     */
    function on<P extends z.ZodType>(
      contract: ClientSocketEventContract<string, P>,
      opts: { session: boolean },
      handle: (p: z.output<P>) => Promise<SeedEnvelope>,
    ) {
      const { event } = contract;
      socket.on(event, async (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (body: unknown) => void) : undefined;
        const raw = args[0];
        const payload: Payload = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Payload) : {};
        const rid = payload.request_id;
        const requestId = typeof rid === 'string' || typeof rid === 'number' ? String(rid).slice(0, 128) : '';
        let reply: SeedEnvelope;
        try {
          if (!bucket.take()) throw new SeedRefusal('RATE_LIMITED', 'too many events: slow down');
          const parsed = contract.payload.safeParse(payload);
          const refusal = parsed.success ? undefined : seedRefusalOf(parsed.error, payload);
          if (refusal?.envelope.subCode === 'PAYLOAD_REQUIRED_OMITTED') throw refusal;
          await tokenUser(payload);
          if (opts.session) requireSession();
          if (!parsed.success) throw refusal;
          reply = await handle(parsed.data);
        } catch (err) {
          if (!isAppError(err) && !(err instanceof SeedRefusal)) logger.error({ err, event }, 'seed event failed');
          reply = seedFailure(err);
        }
        socket.emit(seedResponseEvent(requestId), reply);
        ack?.(reply);
      });
    }

    const connect = async (payload: Payload) => {
      if (session) return seedEnvelope('SESSION_ALREADY_CREATED', 'this socket already has a session');
      const userId = await tokenUser(payload);
      try {
        const { nickname } = await connections.open(connectionId, userId, 'seed', () => {
          session = undefined;
          for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
        });
        session = { userId };
        return seedEnvelope('SESSION_CREATED', 'session created', { sid: socket.id, nickname });
      } catch (err) {
        throw isAppError(err) && err.code === 'not_found' ? new SeedRefusal('USER_NOT_EXIST', 'no such user') : err;
      }
    };
    on(seedPlaycoConnect, { session: false }, connect);
    on(seedPlaycoConnectSnake, { session: false }, connect);

    on(seedPlaylistEnter, { session: true }, async ({ playlist_id: playlistId, currently_playing: index }) => {
      const { room, sessionName, playlist } = await request(nc, joinSession, {
        connectionId,
        playlistId,
        ...(index === undefined ? {} : { playing: { index } }),
      });
      socket.join(playlistRoom(playlistId));
      return seedEnvelope('USER_JOINED', 'entered the playlist', {
        room: toSeedRoom(room),
        session_name: sessionName,
        playlist,
      });
    });

    on(seedPlaylistLeave, { session: true }, async ({ playlist_id: playlistId }) => {
      const { room } = await request(nc, leaveSession, { connectionId, playlistId });
      socket.leave(playlistRoom(playlistId));
      return seedEnvelope('USER_LEFT_SELF', 'left the playlist', { room: toSeedRoom(room) });
    });

    on(seedPlaylistSetStatus, { session: true }, async ({ playlist_id: playlistId, currently_playing: index }) => {
      const { room } = await request(nc, setSessionStatus, {
        connectionId,
        playlistId,
        playing: index === undefined ? null : { index },
      });
      return seedEnvelope('ROOM_MODIFIED', 'status updated', { room: toSeedRoom(room) });
    });

    socket.on('disconnect', () => {
      clearTimeout(idle);
      if (session) void connections.close(connectionId);
    });
  });
}
