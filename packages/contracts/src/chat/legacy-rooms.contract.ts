import { z } from 'zod';
import { defineClientSocketEvent, defineSocketEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { ExternalImageUrl } from './chat-models.ts';

// The legacy chat protocol on `/rooms` (SPEC §4), in its legacy spellings, backed by chat's open
// rooms. Invalid input is answered with an `alert` event (and the acknowledgement, if asked for);
// a refused handshake with `connect_error`.

export const LEGACY_ROOMS_NAMESPACE = '/rooms';

/** A room as the legacy protocol names it: its number, sent as a number or a string. */
export const LegacyRoomNumber = z
  .union([z.number(), z.string()])
  .transform((v) => String(v).trim())
  .pipe(Id);

export const LegacyRoomsAlertCode = z.enum([
  'INVALID_ROOM',
  'ROOM_EXPIRED',
  'ROOM_NOT_OPEN',
  'ALREADY_JOINED',
  'NOT_IN_ROOM',
  'INVALID_MESSAGE',
  'RATE_LIMITED',
  'BACKEND_DOWN',
  /** Not in the original protocol: an event it does not have, answered through its acknowledgement. */
  'UNKNOWN_EVENT',
]);

export type LegacyRoomsAlertCode = z.infer<typeof LegacyRoomsAlertCode>;

/** A refusal the legacy client shows. */
export const LegacyRoomsAlert = z.object({ code: LegacyRoomsAlertCode, message: z.string() });
export type LegacyRoomsAlert = z.infer<typeof LegacyRoomsAlert>;

/** The alert a chat error code becomes; any other failure is `BACKEND_DOWN`. */
export const legacyRoomsAlertOf: Record<string, LegacyRoomsAlertCode> = {
  room_not_found: 'INVALID_ROOM',
  room_kind_mismatch: 'INVALID_ROOM',
  not_a_member: 'INVALID_ROOM',
  room_expired: 'ROOM_EXPIRED',
  room_not_open: 'ROOM_NOT_OPEN',
  validation_failed: 'INVALID_MESSAGE',
  upload_not_found: 'INVALID_MESSAGE',
  rate_limited: 'RATE_LIMITED',
};

/** What the acknowledgement of a `/rooms` event carries, when the client asks for one. */
export const LegacyRoomsAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: LegacyRoomsAlert }),
]);

/** The handshake's `auth`: an access token (`Bearer ` optional) and the nickname legacy clients show. */
export const LegacyRoomsAuth = z.object({
  token: z
    .string()
    .transform((t) => t.replace(/^Bearer\s+/i, ''))
    .pipe(z.string().min(1)),
  nickname: z.string().trim().min(1),
});

/** Why a handshake was refused: `connect_error` with the legacy code as its message. */
export const LegacyRoomsConnectError = z.object({
  message: z.enum(['E01', 'E02', 'E03', 'E04']),
  data: z.object({ content: z.enum(['refresh required', 'login required', 'login again', 'nickname required']) }),
});

/**
 * The handshake (Socket.IO `auth`): a missing or bad token is E02, an expired one E01, a failure
 * on our side E03, a missing nickname E04, each refused with `connect_error`.
 */
export const legacyRoomsConnect = defineClientSocketEvent({
  event: 'connect',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: LegacyRoomsAuth,
  ack: LegacyRoomsConnectError,
  description: 'The handshake’s auth object; a refusal is connect_error {message: E01–E04, data: {content}}.',
});

/** Joins an open room (leaving the one the socket was in): INVALID_ROOM, ROOM_EXPIRED, ALREADY_JOINED alerts. */
export const legacyRoomsJoin = defineClientSocketEvent({
  event: 'joinRoom',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.object({ room: LegacyRoomNumber }),
  ack: LegacyRoomsAck,
  description: 'Joins an open room; the room gets message (system) and roomUsers.',
});

/**
 * A message's content: text, or an image with an optional caption. The image is the legacy
 * `imageUrl` (an absolute `https:`/`http:` URL, see `ExternalImageUrl`) or, beyond the original protocol, an
 * upload made beforehand with chat's upload API (`imageUploadId`): exactly one of the two.
 */
export const LegacyRoomsContent = z.discriminatedUnion('type', [
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
export type LegacyRoomsContent = z.infer<typeof LegacyRoomsContent>;

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
  .describe('The content as a JSON string (the legacy form)');

/** Sends to the socket's room: a JSON string of the content (the legacy form), or the object itself. */
export const legacyRoomsChatMessage = defineClientSocketEvent({
  event: 'chatMessage',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.union([JsonText.pipe(LegacyRoomsContent), LegacyRoomsContent]),
  ack: LegacyRoomsAck,
  description: 'Sends a message to the joined room (NOT_IN_ROOM otherwise, INVALID_MESSAGE for bad content).',
});

/** Asks for a page of a room's history, older than the message id `before`; answered by `history`. */
export const legacyRoomsHistoryRequest = defineClientSocketEvent({
  event: 'history',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.object({
    /** The joined room when absent. */
    room: LegacyRoomNumber.optional(),
    /** A message id: the page is older than it. */
    before: z.union([z.string(), z.number()]).transform(String).pipe(Id).nullish(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  }),
  ack: LegacyRoomsAck,
  description: 'Answered with a history event (INVALID_ROOM alert for a bad room or page).',
});

/** Every client event of the legacy protocol on `/rooms`. */
export const legacyRoomsClientEvents = [
  legacyRoomsConnect,
  legacyRoomsJoin,
  legacyRoomsChatMessage,
  legacyRoomsHistoryRequest,
];

/** A message as the legacy client renders it; `time` is `h:mm a` ("4:41 pm"). */
export const LegacyRoomsMessage = z.object({
  type: z.enum(['system', 'text', 'image']),
  /** The author's user id (text and image). */
  id: Id.optional(),
  nickname: z.string().optional(),
  text: z.string(),
  imageUrl: z.string().optional(),
  time: z.string(),
  /** The message's own id (not in the original protocol), to follow `messageChanged`. */
  messageId: Id.optional(),
});
export type LegacyRoomsMessage = z.infer<typeof LegacyRoomsMessage>;

/** To the room: a new message, or a system line (welcome, joined, left). */
export const legacyRoomsMessage = defineSocketEvent({
  event: 'message',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: LegacyRoomsMessage,
});

/** To the room, the joiner included, on every join and leave: who is in it. */
export const legacyRoomsUsers = defineSocketEvent({
  event: 'roomUsers',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.object({ room: Id, users: z.array(z.object({ id: Id, nickname: z.string() })) }),
});

/** To the sender: its event was refused. */
export const legacyRoomsAlert = defineSocketEvent({
  event: 'alert',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: LegacyRoomsAlert,
});

/** To the sender of `history`: the page, oldest first. */
export const legacyRoomsHistory = defineSocketEvent({
  event: 'history',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.object({ room: Id, messages: z.array(LegacyRoomsMessage) }),
});

/** Not in the original protocol: to the room, a message was edited or deleted, for clients that know `messageId`. */
export const legacyRoomsMessageChanged = defineSocketEvent({
  event: 'messageChanged',
  namespace: LEGACY_ROOMS_NAMESPACE,
  payload: z.object({ messageId: Id, text: z.string().nullable(), deleted: z.boolean() }),
});

/** Every server event of the legacy protocol on `/rooms`. */
export const legacyRoomsSocketEvents = [
  legacyRoomsMessage,
  legacyRoomsUsers,
  legacyRoomsAlert,
  legacyRoomsHistory,
  legacyRoomsMessageChanged,
];
