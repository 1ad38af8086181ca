import {
  type ChatUser,
  type Message,
  REWIND_SIGN_IN_AGAIN,
  REWIND_TIME,
  type RoomKind,
  rewindDirectChatId,
} from '@seed/contracts';
import { SNOWFLAKE_EPOCH_MS } from '@seed/runtime';

/** Every REWIND frame: `{type, payload}`. */
export interface Frame {
  type: string;
  payload: unknown;
}

/** REWIND's user object; `name` is the nickname friends find each other by. */
export interface RewindUser {
  id: string;
  name: string;
  profile: string | null;
  /** On friends: the DM `chat_id` with them. */
  chat_id?: string;
}

export const rewindUser = (user: ChatUser): RewindUser => ({
  id: user.id,
  name: user.nickname,
  profile: user.avatarUrl,
});

/** A friend of `userId`, with the `chat_id` of their DM (the XOR of the two ids). */
export const rewindFriend = (userId: string, friend: ChatUser): RewindUser => ({
  ...rewindUser(friend),
  chat_id: rewindDirectChatId(userId, friend.id),
});

/** `2021-12-23 00:19:16.000880`: REWIND's `%Y-%m-%d %H:%M:%S.%f`, in UTC. */
export function rewindTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

const inRange = (v: number, min: number, max: number) => v >= min && v <= max;

/**
 * The message id that a `load` datetime (base64 of REWIND's time form, padded or not) pages back
 * from: messages made before that instant have smaller ids. Undefined when it does not decode.
 */
export function idBeforeTime(base64: string): string | undefined {
  const text = Buffer.from(base64, 'base64').toString('utf8').trim();
  const m = REWIND_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const valid = inRange(mo, 1, 12) && inRange(d, 1, 31) && h < 24 && mi < 60 && s < 62;
  if (!valid) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Math.floor(Number((m[7] ?? '0').padEnd(6, '0')) / 1000);
  if (!Number.isFinite(ms)) return undefined;
  const since = BigInt(ms) - SNOWFLAKE_EPOCH_MS;
  return since <= 0n ? '0' : (since << 22n).toString();
}

/** Where a message was posted: the kind of its room, and who was in it. */
export interface MessagePlace {
  roomKind: RoomKind;
  recipients: readonly string[];
}

/** A room's `chat_id`: a DM's is the XOR of its two members' ids, any other room's its id. */
export function chatIdOf(roomId: string, place: MessagePlace): string {
  const [a, b] = place.recipients;
  return place.roomKind === 'direct' && a && b && place.recipients.length === 2 ? rewindDirectChatId(a, b) : roomId;
}

/** A message as REWIND's `chat` frame, in the room named `chatId`; an edit with empty content is a deletion. */
export function chatFrame(type: 'send' | 'edit', message: Message, chatId: string): Frame {
  return {
    type: 'chat',
    payload: {
      type,
      id: message.id,
      user_id: message.authorId,
      chat_id: chatId,
      content: message.deletedAt ? '' : (message.text ?? message.imageUrl ?? ''),
      created_at: rewindTime(message.createdAt),
    },
  };
}

/** Error codes that mean the app must sign in again: it signs out on `4000`, and on nothing else. */
const signInAgain = new Set(['unauthenticated', 'token_expired']);

export const errorFrame = (code: string, reason: string): Frame => ({
  type: 'error',
  payload: { code: signInAgain.has(code) ? REWIND_SIGN_IN_AGAIN : code, reason },
});
export const okFrame = (): Frame => ({ type: 'ok', payload: {} });
