import {
  type ClientSocketEventContract,
  joinSession,
  LEGACY_PLAYCO_NAMESPACE,
  type LegacyPlaycoEnvelope,
  leaveSession,
  legacyPlaycoConnect,
  legacyPlaycoConnectSnake,
  legacyPlaycoResponseEvent,
  legacyPlaycoUserEntered,
  legacyPlaylistEnter,
  legacyPlaylistLeave,
  legacyPlaylistSetStatus,
  playlistSocketRoom,
  setSessionStatus,
  verifySioToken,
} from '@seed/contracts';
import { isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { z } from 'zod';
import type { GatewayServer } from '../../sockets/index.ts';
import { createTokenBucket, PLAYCO_EVENT_RATE, type PlaycoConnections } from '../../sockets/index.ts';
import { envelope, toLegacyRoom } from './playco-envelope.ts';
import { LegacyPlaycoRefusal, legacyPlaycoFailure, legacyPlaycoRefusalOf } from './playco-replies.ts';

type Payload = Record<string, unknown>;

/** The legacy sessions of this replica's `/playco_ws` sockets. */
export interface LegacyPlaycoSessions {
  /** The sockets of these users leave the playlist's room. */
  evict(playlistId: string, userIds: readonly string[]): void;
  /** This replica's socket that is the member named `sessionName` (`ada#1`) in the playlist, if any. */
  socketNamed(playlistId: string, sessionName: string): string | undefined;
}

/**
 * The legacy protocol on `/playco_ws`: a socket connects without a token, gets a Socket.IO token
 * for its `sid` over HTTP, then sends `playcoConnect` and the playlist events with that token,
 * each answered on `REQUEST_RESPONSE_<request_id>` in the legacy envelope. Playco checks tokens
 * and permissions; this only speaks the protocol.
 */
export function serveLegacyPlaycoNamespace(deps: {
  io: GatewayServer;
  nc: NatsConnection;
  connections: PlaycoConnections;
  logger: Logger;
  /** A socket that opens no session within this time is disconnected. */
  idleMs: number;
}): LegacyPlaycoSessions {
  const { nc, connections, logger } = deps;
  const nsp = deps.io.of(LEGACY_PLAYCO_NAMESPACE);
  /** The user of each socket that opened a session. */
  const userOf = new Map<string, string>();
  /** The member name (`ada#1`) of each socket in each playlist it entered, by socket and playlist. */
  const memberNames = new Map<string, Map<string, string>>();

  nsp.on('connection', (socket) => {
    const connectionId = connections.idOf(socket.id);
    let session: { userId: string } | undefined;
    const forget = () => {
      session = undefined;
      userOf.delete(socket.id);
      memberNames.delete(socket.id);
    };
    let verified: { key: string; userId: string; expiresAtMs: number } | undefined;
    const bucket = createTokenBucket(PLAYCO_EVENT_RATE);
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
        throw new LegacyPlaycoRefusal('SIO_TOKEN_INVALID', 'the token is another user’s');
      verified = { key, userId, expiresAtMs: Date.parse(expiresAt) };
      return userId;
    }

    function requireSession() {
      if (!session) throw new LegacyPlaycoRefusal('SESSION_NOT_EXIST', 'send playcoConnect first');
      return session;
    }

    /**
     * Serves one legacy event, answering as the original protocol does: a missing field first, then the token,
     * then the session (`session`), then any other field its contract refuses.
     */
    function on<P extends z.ZodType>(
      contract: ClientSocketEventContract<string, P>,
      opts: { session: boolean },
      handle: (p: z.output<P>) => Promise<LegacyPlaycoEnvelope>,
    ) {
      const { event } = contract;
      socket.on(event, async (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (body: unknown) => void) : undefined;
        const raw = args[0];
        const payload: Payload = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Payload) : {};
        const rid = payload.request_id;
        const requestId = typeof rid === 'string' || typeof rid === 'number' ? String(rid).slice(0, 128) : '';
        let reply: LegacyPlaycoEnvelope;
        try {
          if (!bucket.take()) throw new LegacyPlaycoRefusal('RATE_LIMITED', 'too many events: slow down');
          const parsed = contract.payload.safeParse(payload);
          const refusal = parsed.success ? undefined : legacyPlaycoRefusalOf(parsed.error, payload);
          if (refusal?.envelope.subCode === 'PAYLOAD_REQUIRED_OMITTED') throw refusal;
          await tokenUser(payload);
          if (opts.session) requireSession();
          if (!parsed.success) throw refusal;
          reply = await handle(parsed.data);
        } catch (err) {
          if (!isAppError(err) && !(err instanceof LegacyPlaycoRefusal))
            logger.error({ err, event }, 'legacy playco event failed');
          reply = legacyPlaycoFailure(err);
        }
        socket.emit(legacyPlaycoResponseEvent(requestId), reply);
        ack?.(reply);
      });
    }

    const connect = async (payload: Payload) => {
      if (session) return envelope('SESSION_ALREADY_CREATED', 'this socket already has a session');
      const userId = await tokenUser(payload);
      try {
        const { nickname } = await connections.open(connectionId, userId, 'legacy', () => {
          forget();
          for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
        });
        session = { userId };
        userOf.set(socket.id, userId);
        return envelope('SESSION_CREATED', 'session created', { sid: socket.id, nickname });
      } catch (err) {
        throw isAppError(err) && err.code === 'not_found'
          ? new LegacyPlaycoRefusal('USER_NOT_EXIST', 'no such user')
          : err;
      }
    };
    on(legacyPlaycoConnect, { session: false }, connect);
    on(legacyPlaycoConnectSnake, { session: false }, connect);

    on(legacyPlaylistEnter, { session: true }, async ({ playlist_id: playlistId, currently_playing: index }) => {
      const { room, sessionName, playlist } = await request(nc, joinSession, {
        connectionId,
        playlistId,
        ...(index === undefined ? {} : { playing: { index } }),
      });
      socket.join(playlistSocketRoom(playlistId));
      memberNames.set(socket.id, (memberNames.get(socket.id) ?? new Map()).set(playlistId, sessionName));
      // The client draws the room from PLAYLIST_USER_ENTERED, its own entry included.
      socket.emit(
        legacyPlaycoUserEntered.event,
        envelope('PLAYLIST_USER_ENTERED', `${sessionName} entered`, {
          room: toLegacyRoom(room),
          session_name: sessionName,
        }),
      );
      return envelope('USER_JOINED', 'entered the playlist', {
        room: toLegacyRoom(room),
        session_name: sessionName,
        playlist,
      });
    });

    on(legacyPlaylistLeave, { session: true }, async ({ playlist_id: playlistId }) => {
      const { room } = await request(nc, leaveSession, { connectionId, playlistId });
      socket.leave(playlistSocketRoom(playlistId));
      memberNames.get(socket.id)?.delete(playlistId);
      return envelope('USER_LEFT_SELF', 'left the playlist', { room: toLegacyRoom(room) });
    });

    on(legacyPlaylistSetStatus, { session: true }, async ({ playlist_id: playlistId, currently_playing: index }) => {
      const { room } = await request(nc, setSessionStatus, { connectionId, playlistId, playing: { index } });
      return envelope('ROOM_MODIFIED', 'status updated', { room: toLegacyRoom(room) });
    });

    const served = new Set<unknown>(
      [
        legacyPlaycoConnect,
        legacyPlaycoConnectSnake,
        legacyPlaylistEnter,
        legacyPlaylistLeave,
        legacyPlaylistSetStatus,
      ].map((c) => c.event),
    );
    socket.use(([event, ...args], next) => {
      if (served.has(event)) return next();
      const reply = envelope(
        'EVENT_NOT_EXIST',
        `no event "${String(event).slice(0, 50)}" on ${LEGACY_PLAYCO_NAMESPACE}`,
      );
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (body: unknown) => void) : undefined;
      const rid = (args[0] as Payload | undefined)?.request_id;
      if (typeof rid === 'string' || typeof rid === 'number')
        socket.emit(legacyPlaycoResponseEvent(String(rid).slice(0, 128)), reply);
      ack?.(reply);
    });

    socket.on('disconnect', () => {
      clearTimeout(idle);
      const opened = session !== undefined;
      forget();
      if (opened) void connections.close(connectionId);
    });
  });

  return {
    evict(playlistId, userIds) {
      const room = playlistSocketRoom(playlistId);
      const evicted = new Set(userIds);
      for (const socketId of nsp.adapter.rooms.get(room) ?? [])
        if (evicted.has(userOf.get(socketId) ?? '')) nsp.sockets.get(socketId)?.leave(room);
    },
    socketNamed(playlistId, sessionName) {
      for (const socketId of nsp.adapter.rooms.get(playlistSocketRoom(playlistId)) ?? [])
        if (memberNames.get(socketId)?.get(playlistId) === sessionName) return socketId;
      return undefined;
    },
  };
}
