import { z } from 'zod';
import { defineRequest, type RequestContract } from '../define.ts';

export const ServiceCleanupRequest = z.object({
  /** The scheduled period the run belongs to (`jobs.cleanup.run`'s `period`). */
  period: z.string().min(1),
});
export const ServiceCleanupReply = z.object({
  /** Rows or objects removed, by kind (`sessions`, `uploads`, ...). */
  purged: z.record(z.string(), z.number().int().min(0)),
});

export type ServiceCleanupContract<D extends string = string> = RequestContract<
  `${D}.cleanup.run`,
  typeof ServiceCleanupRequest,
  typeof ServiceCleanupReply,
  'internal'
>;

/**
 * A service's purge of its expired data (codes, sessions, uploads never completed...): served by
 * that service (queue = service name), called once per period by the worker's `jobs.cleanup.run`
 * handler. Idempotent: a repeated run purges what is expired by then. List it in the registry's
 * `requests` like any other contract; the worker finds it there.
 */
export function defineServiceCleanup<const D extends string>(domain: D): ServiceCleanupContract<D> {
  return defineRequest({
    subject: `${domain}.cleanup.run` as `${D}.cleanup.run`,
    access: 'internal',
    request: ServiceCleanupRequest,
    reply: ServiceCleanupReply,
    timeoutMs: 60_000,
    description: `Purges ${domain}'s expired data.`,
  });
}

/** True for contracts made by `defineServiceCleanup`. */
export const isServiceCleanup = (c: RequestContract): c is ServiceCleanupContract =>
  c.subject.endsWith('.cleanup.run') && c.reply === ServiceCleanupReply && c.access === 'internal';
