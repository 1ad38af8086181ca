import { z } from 'zod';
import { defineWsFrame } from '../define.ts';
import { Id } from '../ids.ts';

// REWIND's raw WebSocket protocol at `/ws` (SPEC §4), in its legacy spellings: JSON
// text frames `{type, payload}`. The first frame is a heartbeat, then one at least every 40 s
// (5 s grace) or the server closes with 4003. Bad frames are answered with an `error` frame and
// the connection stays usable.

export const REWIND_PATH = '/ws';

/** Where the gateway serves the REWIND app's HTTP routes (the app's `ROOT`), and its WebSocket too. */
export const LEGACY_REWIND_PREFIX = '/legacy/rewind';

/** Every path REWIND's WebSocket is served at: the original `/ws`, and under the app's `ROOT`. */
export const REWIND_PATHS: readonly string[] = [REWIND_PATH, `${LEGACY_REWIND_PREFIX}${REWIND_PATH}`];

/** `POST api/v1/auth/register`, form-encoded: `name` is the nickname friends find each other by. */
export const RewindRegisterForm = z.object({
  name: z.string().trim().min(1, 'name is required'),
  email: z.string().trim().min(1, 'email is required'),
  password: z.string().min(1, 'password is required'),
});

/** `POST api/v1/auth/login`, form-encoded; answered 201 `{type: "auth", payload: {token}}` (an access token). */
export const RewindLoginForm = z.object({
  email: z.string().trim().min(1, 'email is required'),
  password: z.string().min(1, 'password is required'),
});

/** Every frame, either way: `{type, payload}`. */
export const RewindFrame = z.object({ type: z.string(), payload: z.unknown().optional() });
export type RewindFrame = z.infer<typeof RewindFrame>;

/** An id or name as REWIND sends it: a string, or a number. */
const LegacyText = z.union([z.string(), z.number()]).transform(String);
/** An id as REWIND sends it: a decimal string, or a number. */
const LegacyId = LegacyText.pipe(Id);

/**
 * `2021-12-23 00:19:16.000880`: REWIND's `%Y-%m-%d %H:%M:%S.%f`, in UTC, parsed as its server's `strptime`
 * does: month, day and time fields of one or two digits, 1–6 digits of fraction (the app sends
 * `2026-12-8 06:17:35.3000`).
 */
export const REWIND_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?$/;

/**
 * A DM's `chat_id` in REWIND: the XOR of the two users' ids, the same for both of them (for one
 * user, it names exactly one other). Ids are 64-bit, so as BigInts.
 */
export const rewindDirectChatId = (userId: string, otherUserId: string): string =>
  (BigInt(userId) ^ BigInt(otherUserId)).toString();

function isBase64OfTime(value: string): boolean {
  try {
    return REWIND_TIME.test(atob(value).trim());
  } catch {
    return false;
  }
}

/** REWIND's user; `name` is the nickname friends find each other by. */
export const RewindUser = z.object({
  id: Id,
  name: z.string(),
  profile: z.string().nullable(),
  /** The DM `chat_id` with this user (the XOR of the two ids), on friends. */
  chat_id: Id.optional(),
});

/** A list of users as the app's `json.decode` reads it: JSON text. */
const RewindUserList = z.string().describe('JSON text of an array of REWIND users');

// Server frames.

/** The client's heartbeat, echoed. */
export const rewindHeartbeatEcho = defineWsFrame({ type: 'heartbeat', direction: 'server', payload: z.unknown() });

/** The signed-in user, their incoming friend requests and their friends. */
export const rewindAuthResult = defineWsFrame({
  type: 'auth',
  direction: 'server',
  payload: z.object({
    self_user: RewindUser,
    /** The users who asked the signed-in user to be friends. */
    mutual_requests: RewindUserList,
    /** The friends, each with the DM `chat_id`. */
    mutual_users: RewindUserList,
  }),
});

/** A message of a room the user is in: new (`send`), or edited (`edit`; empty content: deleted). */
export const rewindChatMessage = defineWsFrame({
  type: 'chat',
  direction: 'server',
  payload: z.object({
    type: z.enum(['send', 'edit']),
    id: Id,
    user_id: Id.nullable(),
    /** The room's id; a DM's is the XOR of its two users' ids. */
    chat_id: Id,
    content: z.string(),
    /** `%Y-%m-%d %H:%M:%S.%f`, UTC. */
    created_at: z.string().regex(REWIND_TIME),
  }),
});

/**
 * A `mutual_users` frame: the answer to `load {type: "mutual_users"}` is the friends (a list, each
 * with the DM `chat_id`); a friendship change by `user` is an object (a request, its acceptance
 * `response`, its withdrawal `remove`, an unfriend `delete`).
 */
export const rewindMutualUsers = defineWsFrame({
  type: 'mutual_users',
  direction: 'server',
  payload: z.union([
    z.array(RewindUser),
    z.object({ type: z.enum(['request', 'response', 'remove', 'delete']), user: RewindUser }),
  ]),
});

/** A `chat` or `mutual_users` frame was carried out. */
export const rewindOk = defineWsFrame({ type: 'ok', direction: 'server', payload: z.object({}) });

/** The `code` of an error frame that asks the app to sign in again (it signs out on it): no, a bad or an expired token. */
export const REWIND_SIGN_IN_AGAIN = '4000';

/** A frame was refused: `code` is a platform error code (`validation_failed`, `room_not_found`…) or `4000`. */
export const rewindError = defineWsFrame({
  type: 'error',
  direction: 'server',
  payload: z.object({ code: z.string(), reason: z.string() }),
});

// Client frames.

/** Keeps the connection open; the first frame, then at least every 40 s. Any payload, echoed. */
export const rewindHeartbeat = defineWsFrame({
  type: 'heartbeat',
  direction: 'client',
  payload: z.unknown(),
  replies: [rewindHeartbeatEcho],
});

/** Signs in with an access token (`Bearer ` optional); again with a fresh token to stay signed in. */
export const rewindAuth = defineWsFrame({
  type: 'auth',
  direction: 'client',
  payload: z.object({ auth: LegacyText }),
  replies: [rewindAuthResult, rewindError],
});

const Content = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** Sends to a room (`chat_id`: a room's id, or a DM's XOR of the two user ids) or edits an own message; empty content deletes. */
export const rewindChat = defineWsFrame({
  type: 'chat',
  direction: 'client',
  payload: z.discriminatedUnion('type', [
    /** An empty message is ignored, as the original protocol does. */
    z.object({ type: z.literal('send'), chat_id: LegacyId, content: Content }),
    z.object({ type: z.literal('edit'), chat_id: LegacyId, id: LegacyId, content: Content }),
  ]),
  replies: [rewindOk, rewindError],
});

/** Older messages of a room (`load_id`, as `chat_id`) as `chat` frames, or the friends as a `mutual_users` frame. */
export const rewindLoad = defineWsFrame({
  type: 'load',
  direction: 'client',
  payload: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('chat'),
      load_id: LegacyId,
      /** Base64 of a `created_at`: messages older than that instant; the newest when absent. */
      datetime: z
        .string()
        .refine((v) => v === '' || isBase64OfTime(v), 'payload.datetime is base64 of "%Y-%m-%d %H:%M:%S.%f"')
        .describe('Base64 of a created_at, "%Y-%m-%d %H:%M:%S.%f"')
        .nullish(),
      count: z.coerce.number().int().min(1).max(100).default(50),
    }),
    z.object({ type: z.literal('mutual_users') }),
  ]),
  replies: [rewindChatMessage, rewindMutualUsers, rewindError],
});

/** Friend requests by nickname: send (`request`), accept (`response`), withdraw or decline (`remove`), unfriend (`delete`). */
export const rewindMutualUsersChange = defineWsFrame({
  type: 'mutual_users',
  direction: 'client',
  payload: z.object({ type: z.enum(['request', 'response', 'remove', 'delete']), name: LegacyText }),
  replies: [rewindOk, rewindError],
});

/** Every frame of REWIND's `/ws`, both ways. */
export const rewindFrames = [
  rewindHeartbeat,
  rewindAuth,
  rewindChat,
  rewindLoad,
  rewindMutualUsersChange,
  rewindHeartbeatEcho,
  rewindAuthResult,
  rewindChatMessage,
  rewindMutualUsers,
  rewindOk,
  rewindError,
];

/** The client frames the gateway serves after the heartbeat, by type. */
export const rewindClientFrames = {
  auth: rewindAuth,
  chat: rewindChat,
  load: rewindLoad,
  mutual_users: rewindMutualUsersChange,
};
