import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Timestamp } from '../ids.ts';

/** One email, SMS or push a development worker delivered with a log driver. */
export const MailboxMessage = z.object({
  id: z.string(),
  kind: z.enum(['email', 'sms', 'push']),
  /** The address, the phone number, or the push's device token (shortened). */
  to: z.string(),
  /** The email's subject, or the push notification's title. */
  subject: z.string().nullable(),
  text: z.string(),
  /** The push's data (FCM takes string values only). */
  data: z.record(z.string(), z.string()).nullable(),
  sentAt: Timestamp,
  /** Every http(s) link in the text, in order. */
  links: z.array(z.string()),
  /** The `token` query parameters of those links (email confirmation, password reset). */
  tokens: z.array(z.string()),
  /** Every 6-digit code in the text (SMS verification). */
  codes: z.array(z.string()),
});
export type MailboxMessage = z.infer<typeof MailboxMessage>;

/**
 * Served by the worker (queue "worker") in development, with the log drivers: the messages it
 * delivered, newest first, kept in memory (the last `MAILBOX_SIZE`); called by the gateway's
 * development mailbox, which is off in production. Each worker replica keeps its own. Read-only.
 */
export const listMailbox = defineRequest({
  subject: 'worker.mailbox.list',
  access: 'internal',
  request: z.object({
    /** Only messages to this address or number (compared case-insensitively). */
    to: z.string().trim().min(1).max(254).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  reply: z.object({ messages: z.array(MailboxMessage) }),
  timeoutMs: 2_000,
});
