import type { ChatUser, LegacyRoomsMessage, Message } from '@seed/contracts';

/** The legacy `h:mm a` form of an instant ("4:41 pm") in a time zone. */
export function legacyClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
  return (at: Date): string => {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.hour}:${parts.minute} ${String(parts.dayPeriod).toLowerCase()}`;
  };
}

export type LegacyClock = ReturnType<typeof legacyClock>;

export function systemMessage(text: string, clock: LegacyClock, at = new Date()): LegacyRoomsMessage {
  return { type: 'system', text, time: clock(at) };
}

/** A chat message as the legacy client shows it; deleted and system messages have no legacy form. */
export function toLegacyMessage(
  message: Message,
  author: ChatUser | undefined,
  clock: LegacyClock,
): LegacyRoomsMessage | undefined {
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
