import { z } from 'zod';
import { defineJob } from '../define.ts';

/**
 * Enqueued by any service (through its outbox); done by the worker's email driver (SMTP or log).
 * Idempotent by job id: a redelivered job that was sent is not sent again.
 */
export const emailSend = defineJob({
  subject: 'jobs.email.send',
  payload: z.object({
    to: z.email().max(254),
    subject: z.string().min(1).max(200),
    text: z.string().min(1).max(20_000),
    html: z.string().max(100_000).optional(),
  }),
  maxDeliver: 5,
  ackWaitMs: 30_000,
});

/**
 * Enqueued by any service (through its outbox); done by the worker's SMS driver (webhook or log).
 * Idempotent by job id.
 */
export const smsSend = defineJob({
  subject: 'jobs.sms.send',
  payload: z.object({
    to: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 phone number'),
    text: z.string().min(1).max(1_000),
  }),
  maxDeliver: 5,
  ackWaitMs: 30_000,
  // Codes expire in minutes: retry soon, give up within two.
  backoffMs: [2_000, 10_000, 30_000, 60_000],
});
