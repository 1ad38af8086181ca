import { randomUUID } from 'node:crypto';
import type { MailboxMessage } from '@seed/contracts';

export type MailboxEntry = Pick<MailboxMessage, 'kind' | 'to' | 'subject' | 'text' | 'data'>;

const LINK = /https?:\/\/[^\s<>"')]+/g;
const CODE = /(?<![0-9])[0-9]{6}(?![0-9])/g;

function tokenOf(link: string): string | undefined {
  try {
    return new URL(link).searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** What a reader clicks in a message: its links, their tokens and its 6-digit codes. */
export function clickables(text: string): Pick<MailboxMessage, 'links' | 'tokens' | 'codes'> {
  const links = text.match(LINK) ?? [];
  return {
    links,
    tokens: links.map(tokenOf).filter((t): t is string => t !== undefined),
    codes: links.length ? (text.replace(LINK, '').match(CODE) ?? []) : (text.match(CODE) ?? []),
  };
}

/** The last `size` messages delivered, in memory, newest first. */
export function createMailboxService(opts: { size: number; now?: () => Date }) {
  const now = opts.now ?? (() => new Date());
  const messages: MailboxMessage[] = [];
  return {
    record(entry: MailboxEntry): void {
      messages.unshift({ id: randomUUID(), ...entry, sentAt: now().toISOString(), ...clickables(entry.text) });
      if (messages.length > opts.size) messages.length = opts.size;
    },
    list(query: { to?: string | undefined; limit: number }): MailboxMessage[] {
      const to = query.to?.toLowerCase();
      return messages.filter((m) => to === undefined || m.to.toLowerCase() === to).slice(0, query.limit);
    },
  };
}
export type MailboxService = ReturnType<typeof createMailboxService>;
