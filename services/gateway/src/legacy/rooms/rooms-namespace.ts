import { randomUUID } from 'node:crypto';
import {
  type ChatUser,
  joinRoom,
  listMessages,
  type Message,
  seedChatMessage,
  seedHistoryRequest,
  seedJoinRoom,
  sendMessage,
} from '@seed/contracts';
import { type Caller, isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import {
  type SeedAlert,
  type SeedAlertCode,
  type SeedClock,
  seedRoom,
  systemMessage,
  toSeedMessage,
} from './seed-rooms-format.ts';

export interface SeedRoomsData {
  caller: Caller;
  nickname: string;
  /** The open room this socket is in. */
  roomId?: string;
}
export type SeedRoomsNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SeedRoomsData>;
type SeedSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SeedRoomsData>;

class Refusal extends Error {
  readonly code: SeedAlertCode;
  constructor(code: SeedAlertCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The alert a chat error becomes for the seed client. */
function alertOf(err: unknown): SeedAlert {
  if (err instanceof Refusal) return { code: err.code, message: err.message };
  if (!isAppError(err)) return { code: 'BACKEND_DOWN', message: 'something went wrong: try again' };
  const codes: Record<string, SeedAlertCode> = {
    room_not_found: 'INVALID_ROOM',
    room_kind_mismatch: 'INVALID_ROOM',
    not_a_member: 'INVALID_ROOM',
    room_expired: 'ROOM_EXPIRED',
    room_not_open: 'ROOM_NOT_OPEN',
    validation_failed: 'INVALID_MESSAGE',
    upload_not_found: 'INVALID_MESSAGE',
    rate_limited: 'RATE_LIMITED',
  };
  return { code: codes[err.code] ?? 'BACKEND_DOWN', message: err.message };
}

function parseChatMessage(raw: unknown) {
  const parsed = seedChatMessage.payload.safeParse(raw);
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
 * The seed 002 protocol on `/rooms`, mapped onto chat's open rooms: `joinRoom`, `chatMessage`,
 * `history` from the client; `message`, `roomUsers`, `history` and `alert` to it. Messages reach
 * the room's sockets from chat's events (see seed-rooms-relay.ts), whichever API sent them.
 */
export function serveSeedRooms(deps: {
  nsp: SeedRoomsNamespace;
  nc: NatsConnection;
  logger: Logger;
  clock: SeedClock;
}) {
  const { nsp, nc, clock } = deps;
  let closing = false;
  const as = (socket: SeedSocket) => ({ context: { requestId: randomUUID(), caller: socket.data.caller } });

  async function announceUsers(roomId: string) {
    const sockets = await nsp.in(seedRoom(roomId)).fetchSockets();
    const users = new Map<string, { id: string; nickname: string }>();
    for (const s of sockets) users.set(s.data.caller.userId, { id: s.data.caller.userId, nickname: s.data.nickname });
    nsp.to(seedRoom(roomId)).emit('roomUsers', { room: roomId, users: [...users.values()] });
  }

  async function leave(socket: SeedSocket) {
    const roomId = socket.data.roomId;
    if (!roomId) return;
    delete socket.data.roomId;
    socket.leave(seedRoom(roomId));
    nsp.to(seedRoom(roomId)).emit('message', systemMessage(`${socket.data.nickname} has left the chat`, clock));
    await announceUsers(roomId);
  }

  nsp.on('connection', (socket: SeedSocket) => {
    function on(event: string, handle: (payload: unknown) => Promise<void>) {
      socket.on(event, async (payload: unknown, ack?: unknown) => {
        try {
          await handle(payload);
          if (typeof ack === 'function') ack({ ok: true });
        } catch (err) {
          const alert = alertOf(err);
          if (!(err instanceof Refusal) && !isAppError(err))
            deps.logger.error({ err, event }, 'seed rooms event failed');
          socket.emit('alert', alert);
          if (typeof ack === 'function') ack({ ok: false, error: alert });
        }
      });
    }

    on(seedJoinRoom.event, async (payload) => {
      const parsed = seedJoinRoom.payload.safeParse(payload);
      if (!parsed.success) throw new Refusal('INVALID_ROOM', 'the room must be a room number');
      const roomId = parsed.data.room;
      if (socket.data.roomId === roomId) throw new Refusal('ALREADY_JOINED', 'you are in this room already');
      const others = await nsp.in(seedRoom(roomId)).fetchSockets();
      if (others.some((s) => s.data.caller.userId === socket.data.caller.userId))
        throw new Refusal('ALREADY_JOINED', 'you are in this room already on another connection');
      const room = await request(nc, joinRoom, { roomId }, as(socket));
      await leave(socket);
      socket.data.roomId = roomId;
      socket.join(seedRoom(roomId));
      socket.emit('message', systemMessage(`Welcome to ${room.name ?? 'the room'}!`, clock));
      socket.to(seedRoom(roomId)).emit('message', systemMessage(`${socket.data.nickname} has joined the chat`, clock));
      await announceUsers(roomId);
    });

    on(seedChatMessage.event, async (payload) => {
      const message = parseChatMessage(payload);
      const roomId = socket.data.roomId;
      if (!roomId) throw new Refusal('NOT_IN_ROOM', 'join a room first');
      await request(nc, sendMessage, { roomId, clientMsgId: randomUUID(), ...message }, as(socket));
    });

    on(seedHistoryRequest.event, async (payload) => {
      const parsed = seedHistoryRequest.payload.safeParse(payload ?? {});
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
        .flatMap((m: Message) => toSeedMessage(m, authors.get(m.authorId ?? ''), clock) ?? []);
      socket.emit('history', { room: roomId, messages });
    });

    socket.on('disconnect', () => {
      const roomId = socket.data.roomId;
      // Sockets dropped by a replica that shuts down reconnect elsewhere: they did not leave.
      if (!roomId || closing) return;
      nsp.to(seedRoom(roomId)).emit('message', systemMessage(`${socket.data.nickname} has left the chat`, clock));
      void announceUsers(roomId).catch((err) => deps.logger.warn({ err }, 'roomUsers after leave failed'));
    });
  });

  return {
    stop() {
      closing = true;
    },
  };
}
