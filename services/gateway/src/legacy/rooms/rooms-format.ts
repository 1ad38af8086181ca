import type { ChatUser, Message } from '@seed/contracts';

export const SEED_ROOMS_NAMESPACE = '/rooms';

/** What the seed 002 client renders: `time` is `h:mm a` ("4:41 pm"). */
export interface SeedMessage {
  type: 'system' | 'text' | 'image';
  /** The author's user id (text and image). */
  id?: string;
  nickname?: string;
  text: string;
  imageUrl?: string;
  time: string;
  /** The message's own id, for clients that want it (not in the seed). */
  messageId?: string;
}

export type SeedAlertCode =
  | 'INVALID_ROOM'
  | 'ROOM_EXPIRED'
  | 'ROOM_NOT_OPEN'
  | 'ALREADY_JOINED'
  | 'NOT_IN_ROOM'
  | 'INVALID_MESSAGE'
  | 'RATE_LIMITED'
  | 'BACKEND_DOWN';

export interface SeedAlert {
  code: SeedAlertCode;
  message: string;
}

export function seedClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
  return (at: Date): string => {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.hour}:${parts.minute} ${String(parts.dayPeriod).toLowerCase()}`;
  };
}

export type SeedClock = ReturnType<typeof seedClock>;

export function systemMessage(text: string, clock: SeedClock, at = new Date()): SeedMessage {
  return { type: 'system', text, time: clock(at) };
}

/** A chat message as the seed shows it; deleted and system messages have no seed form. */
export function toSeedMessage(
  message: Message,
  author: ChatUser | undefined,
  clock: SeedClock,
): SeedMessage | undefined {
  if (message.deletedAt || message.kind === 'system' || !message.authorId) return undefined;
  const base = {
    id: message.authorId,
    nickname: author?.nickname ?? `user-${message.authorId}`,
    text: message.text ?? '',
    time: clock(new Date(message.createdAt)),
    messageId: message.id,
  };
  return message.kind === 'image'
    ? { type: 'image', ...base, imageUrl: message.imageUrl ?? '' }
    : { type: 'text', ...base };
}

/** The socket room of an open chat room. */
export const seedRoom = (roomId: string) => `room:${roomId}`;
