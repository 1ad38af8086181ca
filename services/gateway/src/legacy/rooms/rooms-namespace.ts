import { randomUUID } from 'node:crypto';
import {
  type ChatUser,
  chatSocketRoom,
  joinRoom,
  type LegacyRoomsAlert,
  type LegacyRoomsAlertCode,
  legacyRoomsAlertOf,
  legacyRoomsChatMessage,
  legacyRoomsHistoryRequest,
  legacyRoomsJoin,
  listMessages,
  type Message,
  sendMessage,
} from '@seed/contracts';
import { type Caller, isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { type LegacyClock, systemMessage, toLegacyMessage } from './rooms-format.ts';

export interface LegacyRoomsData {
  caller: Caller;
  nickname: string;
  /** The open room this socket is in. */
  roomId?: string;
}
export type LegacyRoomsNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LegacyRoomsData>;
type LegacySocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LegacyRoomsData>;

class Refusal extends Error {
  readonly code: LegacyRoomsAlertCode;
  constructor(code: LegacyRoomsAlertCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The alert a failure becomes for the legacy client. */
function alertOf(err: unknown): LegacyRoomsAlert {
  if (err instanceof Refusal) return { code: err.code, message: err.message };
  if (!isAppError(err)) return { code: 'BACKEND_DOWN', message: 'something went wrong: try again' };
  return { code: legacyRoomsAlertOf[err.code] ?? 'BACKEND_DOWN', message: err.message };
}

function parseChatMessage(raw: unknown) {
  const parsed = legacyRoomsChatMessage.payload.safeParse(raw);
  if (!parsed.success)
    throw new Refusal(
      'INVALID_MESSAGE',
      'chatMessage is a JSON string of {type: "text", text} or {type: "image", imageUrl, text?} with an absolute https: or http: imageUrl',
    );
  const m = parsed.data;
  if (m.type === 'text') return { kind: 'text' as const, text: m.text };
  return {
    kind: 'image' as const,
    ...(m.imageUrl !== undefined ? { imageUrl: m.imageUrl } : { imageUploadId: m.imageUploadId }),
    ...(m.text?.trim() ? { text: m.text } : {}),
  };
}

/**
 * The legacy protocol on `/rooms`, mapped onto chat's open rooms: `joinRoom`, `chatMessage`,
 * `history` from the client; `message`, `roomUsers`, `history` and `alert` to it. Messages reach
 * the room's sockets from chat's events (see rooms-events.ts), whichever API sent them.
 */
export function serveLegacyRooms(deps: {
  nsp: LegacyRoomsNamespace;
  nc: NatsConnection;
  logger: Logger;
  clock: LegacyClock;
}) {
  const { nsp, nc, clock } = deps;
  let closing = false;
  const as = (socket: LegacySocket) => ({ context: { requestId: randomUUID(), caller: socket.data.caller } });

  async function announceUsers(roomId: string) {
    const sockets = await nsp.in(chatSocketRoom(roomId)).fetchSockets();
    const users = new Map<string, { id: string; nickname: string }>();
    for (const s of sockets) users.set(s.data.caller.userId, { id: s.data.caller.userId, nickname: s.data.nickname });
    nsp.to(chatSocketRoom(roomId)).emit('roomUsers', { room: roomId, users: [...users.values()] });
  }

  async function leave(socket: LegacySocket) {
    const roomId = socket.data.roomId;
    if (!roomId) return;
    delete socket.data.roomId;
    socket.leave(chatSocketRoom(roomId));
    nsp.to(chatSocketRoom(roomId)).emit('message', systemMessage(`${socket.data.nickname} has left the chat`, clock));
    await announceUsers(roomId);
  }

  nsp.on('connection', (socket: LegacySocket) => {
    function on(event: string, handle: (payload: unknown) => Promise<void>) {
      socket.on(event, async (...args: unknown[]) => {
        // A client may send an event with its acknowledgement callback alone.
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (body: unknown) => void) : undefined;
        try {
          await handle(args[0]);
          ack?.({ ok: true });
        } catch (err) {
          const alert = alertOf(err);
          if (!(err instanceof Refusal) && !isAppError(err))
            deps.logger.error({ err, event }, 'legacy rooms event failed');
          socket.emit('alert', alert);
          ack?.({ ok: false, error: alert });
        }
      });
    }
    const served = new Set<unknown>([
      legacyRoomsJoin.event,
      legacyRoomsChatMessage.event,
      legacyRoomsHistoryRequest.event,
    ]);
    socket.use(([event, ...args], next) => {
      if (served.has(event)) return next();
      const ack = args.at(-1);
      if (typeof ack === 'function')
        ack({
          ok: false,
          error: { code: 'UNKNOWN_EVENT', message: `no event "${String(event).slice(0, 50)}" on /rooms` },
        });
    });

    on(legacyRoomsJoin.event, async (payload) => {
      const parsed = legacyRoomsJoin.payload.safeParse(payload);
      if (!parsed.success) throw new Refusal('INVALID_ROOM', 'the room must be a room number');
      const roomId = parsed.data.room;
      if (socket.data.roomId === roomId) throw new Refusal('ALREADY_JOINED', 'you are in this room already');
      const others = await nsp.in(chatSocketRoom(roomId)).fetchSockets();
      if (others.some((s) => s.data.caller.userId === socket.data.caller.userId))
        throw new Refusal('ALREADY_JOINED', 'you are in this room already on another connection');
      const room = await request(nc, joinRoom, { roomId }, as(socket));
      await leave(socket);
      socket.data.roomId = roomId;
      socket.join(chatSocketRoom(roomId));
      socket.emit('message', systemMessage(`Welcome to ${room.name ?? 'the room'}!`, clock));
      socket
        .to(chatSocketRoom(roomId))
        .emit('message', systemMessage(`${socket.data.nickname} has joined the chat`, clock));
      await announceUsers(roomId);
    });

    on(legacyRoomsChatMessage.event, async (payload) => {
      const message = parseChatMessage(payload);
      const roomId = socket.data.roomId;
      if (!roomId) throw new Refusal('NOT_IN_ROOM', 'join a room first');
      await request(nc, sendMessage, { roomId, clientMsgId: randomUUID(), ...message }, as(socket));
    });

    on(legacyRoomsHistoryRequest.event, async (payload) => {
      const parsed = legacyRoomsHistoryRequest.payload.safeParse(payload ?? {});
      if (!parsed.success) throw new Refusal('INVALID_ROOM', 'history is {room?, before?, limit?} with a room number');
      const p = parsed.data;
      const roomId = p.room ?? socket.data.roomId;
      if (!roomId) throw new Refusal('INVALID_ROOM', 'the room must be a room number');
      const page = await request(
        nc,
        listMessages,
        {
          roomId,
          ...(p.before ? { before: p.before } : {}),
          ...(p.limit !== undefined ? { limit: p.limit } : {}),
        },
        as(socket),
      ).catch((err) => {
        if (isAppError(err) && err.code === 'validation_failed') throw new Refusal('INVALID_ROOM', err.message);
        throw err;
      });
      const authors = new Map<string, ChatUser>(page.users.map((u) => [u.id, u]));
      const messages = page.data
        .toReversed()
        .flatMap((m: Message) => toLegacyMessage(m, authors.get(m.authorId ?? ''), clock) ?? []);
      socket.emit('history', { room: roomId, messages });
    });

    socket.on('disconnect', () => {
      const roomId = socket.data.roomId;
      // Sockets dropped by a replica that shuts down reconnect elsewhere: they did not leave.
      if (!roomId || closing) return;
      nsp.to(chatSocketRoom(roomId)).emit('message', systemMessage(`${socket.data.nickname} has left the chat`, clock));
      void announceUsers(roomId).catch((err) => deps.logger.warn({ err }, 'roomUsers after leave failed'));
    });
  });

  return {
    stop() {
      closing = true;
    },
  };
}
