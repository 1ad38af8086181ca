import { z } from 'zod';
import { defineWsFrame } from '../define.ts';
import { Id } from '../ids.ts';

// REWIND's raw WebSocket protocol at `/ws` (SPEC §4), in its legacy spellings: JSON
// text frames `{type, payload}`. The first frame is a heartbeat, then one at least every 40 s
// (5 s grace) or the server closes with 4003. Bad frames are answered with an `error` frame and
// the connection stays usable.

export const REWIND_PATH = '/ws';

/** Every frame, either way: `{type, payload}`. */
export const RewindFrame = z.object({ type: z.string(), payload: z.unknown().optional() });
export type RewindFrame = z.infer<typeof RewindFrame>;

/** An id or name as REWIND sends it: a string, or a number. */
const LegacyText = z.union([z.string(), z.number()]).transform(String);
/** An id as REWIND sends it: a decimal string, or a number. */
const LegacyId = LegacyText.pipe(Id);

/** `2021-12-23 00:19:16.000880`: the legacy `%Y-%m-%d %H:%M:%S.%f`, in UTC. */
export const REWIND_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

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
  /** The direct room with this user, where the server knows it (the DM `chat_id`). */
  chat_id: Id.optional(),
});

// Server frames.

/** The client's heartbeat, echoed. */
export const rewindHeartbeatEcho = defineWsFrame({ type: 'heartbeat', direction: 'server', payload: z.unknown() });

/** The signed-in user, their incoming friend requests and their friends. */
export const rewindAuthResult = defineWsFrame({
  type: 'auth',
  direction: 'server',
  payload: z.object({
    self_user: RewindUser,
    mutual_requests: z.array(RewindUser),
    mutual_users: z.array(RewindUser),
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
    chat_id: Id,
    content: z.string(),
    /** `%Y-%m-%d %H:%M:%S.%f`, UTC. */
    created_at: z.string().regex(REWIND_TIME),
  }),
});

/** The answer to `load {type: "mutual_users"}`: the friends, each with the DM `chat_id`. */
export const rewindMutualUsersLoaded = defineWsFrame({
  type: 'load',
  direction: 'server',
  payload: z.object({ type: z.literal('mutual_users'), users: z.array(RewindUser) }),
});

/** A friendship change by `user`: a request, its acceptance (`response`), its withdrawal, an unfriend. */
export const rewindMutualUserChanged = defineWsFrame({
  type: 'mutual_users',
  direction: 'server',
  payload: z.object({ type: z.enum(['request', 'response', 'remove', 'delete']), user: RewindUser }),
});

/** A `chat` or `mutual_users` frame was carried out. */
export const rewindOk = defineWsFrame({ type: 'ok', direction: 'server', payload: z.object({}) });

/** A frame was refused: `code` is a platform error code (`validation_failed`, `unauthenticated`…). */
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

/** Sends to a room (`chat_id`; a DM's is the direct room's id) or edits an own message; empty content deletes. */
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

/** Older messages of a room as `chat` frames, or the friends as a `load` frame. */
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
  replies: [rewindChatMessage, rewindMutualUsersLoaded, rewindError],
});

/** Friend requests by nickname: send (`request`), accept (`response`), withdraw or decline (`remove`), unfriend (`delete`). */
export const rewindMutualUsers = defineWsFrame({
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
  rewindMutualUsers,
  rewindHeartbeatEcho,
  rewindAuthResult,
  rewindChatMessage,
  rewindMutualUsersLoaded,
  rewindMutualUserChanged,
  rewindOk,
  rewindError,
];

/** The client frames the gateway serves after the heartbeat, by type. */
export const rewindClientFrames = {
  auth: rewindAuth,
  chat: rewindChat,
  load: rewindLoad,
  mutual_users: rewindMutualUsers,
};
