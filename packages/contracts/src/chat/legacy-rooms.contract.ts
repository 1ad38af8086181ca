import { z } from 'zod';
import { defineClientSocketEvent, defineSocketEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { ExternalImageUrl } from './chat-models.ts';

// The seed 002 chat protocol on `/rooms` (SPEC §4), in the seed's spellings, backed by chat's open
// rooms. Invalid input is answered with an `alert` event (and the acknowledgement, if asked for);
// a refused handshake with `connect_error`.

export const SEED_ROOMS_NAMESPACE = '/rooms';

const ROOM_NUMBER = /^[1-9][0-9]{0,19}$/;

/** A room as the seed names it: its number, sent as a number or a string. */
export const SeedRoomNumber = z
  .union([z.number(), z.string()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(ROOM_NUMBER, 'the room must be a room number'));

export const SeedAlertCode = z.enum([
  'INVALID_ROOM',
  'ROOM_EXPIRED',
  'ROOM_NOT_OPEN',
  'ALREADY_JOINED',
  'NOT_IN_ROOM',
  'INVALID_MESSAGE',
  'RATE_LIMITED',
  'BACKEND_DOWN',
]);

/** A refusal the seed client shows. */
export const SeedAlert = z.object({ code: SeedAlertCode, message: z.string() });

/** What the acknowledgement of a `/rooms` event carries, when the client asks for one. */
export const SeedRoomsAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: SeedAlert }),
]);

/** The handshake's `auth`: an access token (`Bearer ` optional) and the nickname the seed shows. */
export const SeedRoomsAuth = z.object({
  token: z
    .string()
    .transform((t) => t.replace(/^Bearer\s+/i, ''))
    .pipe(z.string().min(1)),
  nickname: z.string().trim().min(1),
});

/** Why a handshake was refused: `connect_error` with the seed's code as its message. */
export const SeedRoomsConnectError = z.object({
  message: z.enum(['E01', 'E02', 'E03', 'E04']),
  data: z.object({ content: z.enum(['refresh required', 'login required', 'login again', 'nickname required']) }),
});

/**
 * The handshake (Socket.IO `auth`): a missing or bad token is E02, an expired one E01, a failure
 * on our side E03, a missing nickname E04, each refused with `connect_error`.
 */
export const seedRoomsConnect = defineClientSocketEvent({
  event: 'connect',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: SeedRoomsAuth,
  ack: SeedRoomsConnectError,
  description: 'The handshake’s auth object; a refusal is connect_error {message: E01–E04, data: {content}}.',
});

/** Joins an open room (leaving the one the socket was in): INVALID_ROOM, ROOM_EXPIRED, ALREADY_JOINED alerts. */
export const seedJoinRoom = defineClientSocketEvent({
  event: 'joinRoom',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.object({ room: SeedRoomNumber }),
  ack: SeedRoomsAck,
  description: 'Joins an open room; the room gets message (system) and roomUsers.',
});

/**
 * A message's content: text, or an image with an optional caption. The image is the seed's
 * `imageUrl` (an absolute `https:`/`http:` URL, see `ExternalImageUrl`) or, beyond the seed, an
 * upload made beforehand with chat's upload API (`imageUploadId`): exactly one of the two.
 */
export const SeedChatContent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z
    .object({
      type: z.literal('image'),
      imageUrl: ExternalImageUrl.optional(),
      imageUploadId: z.string().min(1).optional(),
      text: z.string().optional(),
    })
    .refine((m) => (m.imageUploadId === undefined) !== (m.imageUrl === undefined), {
      message: 'an image is exactly one of imageUrl or imageUploadId',
      path: ['imageUrl'],
    }),
]);
export type SeedChatContent = z.infer<typeof SeedChatContent>;

const JsonText = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.issues.push({ code: 'custom', message: 'chatMessage must be a JSON string', input: text });
      return z.NEVER;
    }
  })
  .describe('The content as a JSON string (the seed’s form)');

/** Sends to the socket's room: a JSON string of the content (the seed's form), or the object itself. */
export const seedChatMessage = defineClientSocketEvent({
  event: 'chatMessage',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.union([JsonText.pipe(SeedChatContent), SeedChatContent]),
  ack: SeedRoomsAck,
  description: 'Sends a message to the joined room (NOT_IN_ROOM otherwise, INVALID_MESSAGE for bad content).',
});

/** Asks for a page of a room's history, older than the message id `before`; answered by `history`. */
export const seedHistoryRequest = defineClientSocketEvent({
  event: 'history',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.object({
    /** The joined room when absent. */
    room: SeedRoomNumber.optional(),
    /** A message id: the page is older than it. */
    before: z.union([z.string(), z.number()]).transform(String).pipe(Id).nullish(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  }),
  ack: SeedRoomsAck,
  description: 'Answered with a history event (INVALID_ROOM alert for a bad room or page).',
});

/** Every client event of the seed protocol on `/rooms`. */
export const seedRoomsClientEvents = [seedRoomsConnect, seedJoinRoom, seedChatMessage, seedHistoryRequest];

/** A message as the seed client renders it; `time` is `h:mm a` ("4:41 pm"). */
export const SeedRoomsMessage = z.object({
  type: z.enum(['system', 'text', 'image']),
  /** The author's user id (text and image). */
  id: Id.optional(),
  nickname: z.string().optional(),
  text: z.string(),
  imageUrl: z.string().optional(),
  time: z.string(),
  /** The message's own id (not in the seed), to follow `messageChanged`. */
  messageId: Id.optional(),
});

/** To the room: a new message, or a system line (welcome, joined, left). */
export const seedRoomsMessage = defineSocketEvent({
  event: 'message',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: SeedRoomsMessage,
});

/** To the room, the joiner included, on every join and leave: who is in it. */
export const seedRoomUsers = defineSocketEvent({
  event: 'roomUsers',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.object({ room: Id, users: z.array(z.object({ id: Id, nickname: z.string() })) }),
});

/** To the sender: its event was refused. */
export const seedRoomsAlert = defineSocketEvent({
  event: 'alert',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: SeedAlert,
});

/** To the sender of `history`: the page, oldest first. */
export const seedHistory = defineSocketEvent({
  event: 'history',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.object({ room: Id, messages: z.array(SeedRoomsMessage) }),
});

/** Not in the seed: to the room, a message was edited or deleted, for clients that know `messageId`. */
export const seedMessageChanged = defineSocketEvent({
  event: 'messageChanged',
  namespace: SEED_ROOMS_NAMESPACE,
  payload: z.object({ messageId: Id, text: z.string().nullable(), deleted: z.boolean() }),
});

/** Every server event of the seed protocol on `/rooms`. */
export const seedRoomsSocketEvents = [seedRoomsMessage, seedRoomUsers, seedRoomsAlert, seedHistory, seedMessageChanged];
