import { z } from 'zod';
import { defineJob } from '../define.ts';
import { Id } from '../ids.ts';

export const PushJob = z.object({
  /** Unique per push; a redelivered job with the same id is sent once. */
  jobId: z.string().min(1).max(200),
  userId: Id,
  /** Pushes with the same key replace each other on the device (e.g. one per chat room). */
  collapseKey: z.string().min(1).max(100),
  notification: z.object({ title: z.string().max(200), body: z.string().max(1000) }).optional(),
  /** Data for the app; FCM takes string values only. */
  data: z.record(z.string(), z.string()).default({}),
  ttlSeconds: z.number().int().min(0).max(2_419_200).default(86_400),
});
export type PushJob = z.infer<typeof PushJob>;

/**
 * Enqueued by chat (new messages for members with no connected socket) and others; the worker
 * sends it to every device the user registered with auth, through FCM. Idempotent on `jobId`.
 */
export const pushSend = defineJob({ subject: 'jobs.push.send', payload: PushJob, maxDeliver: 5, ackWaitMs: 30_000 });
