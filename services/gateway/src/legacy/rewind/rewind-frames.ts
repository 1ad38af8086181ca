import { type ChatUser, type Message, REWIND_TIME } from '@seed/contracts';
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
  /** The direct room with this user, where the server knows it (the DM `chat_id`). */
  chat_id?: string;
}

export const rewindUser = (user: ChatUser, chatId?: string): RewindUser => ({
  id: user.id,
  name: user.nickname,
  profile: user.avatarUrl,
  ...(chatId ? { chat_id: chatId } : {}),
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

/**
 * The message id that a `load` datetime (base64 of REWIND's time form) pages back from: messages
 * made before that instant have smaller ids. Undefined when it does not decode.
 */
export function idBeforeTime(base64: string): string | undefined {
  const text = Buffer.from(base64, 'base64').toString('utf8').trim();
  const m = REWIND_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '0'] = m;
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    Math.floor(Number(frac.padEnd(6, '0')) / 1000);
  if (!Number.isFinite(ms)) return undefined;
  const since = BigInt(ms) - SNOWFLAKE_EPOCH_MS;
  return since <= 0n ? '0' : (since << 22n).toString();
}

/** A message as REWIND's `chat` frame; an edit with empty content is a deletion. */
export function chatFrame(type: 'send' | 'edit', message: Message): Frame {
  return {
    type: 'chat',
    payload: {
      type,
      id: message.id,
      user_id: message.authorId,
      chat_id: message.roomId,
      content: message.deletedAt ? '' : (message.text ?? message.imageUrl ?? ''),
      created_at: rewindTime(message.createdAt),
    },
  };
}

export const errorFrame = (code: string, reason: string): Frame => ({ type: 'error', payload: { code, reason } });
export const okFrame = (): Frame => ({ type: 'ok', payload: {} });
