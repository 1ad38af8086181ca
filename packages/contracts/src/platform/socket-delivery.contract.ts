import { z } from 'zod';
import { defineEvent, defineSocketEvent } from '../define.ts';
import { ErrorBody } from '../errors.ts';
import { Id } from '../ids.ts';

/** A socket room, `<kind>:<id>` (`room:456`, `playlist:9`). */
export const SocketRoom = z.string().regex(/^[a-z][a-z0-9_-]*:[A-Za-z0-9_-]+$/);

export const SocketTarget = z
  .object({
    users: z.array(Id).max(10_000).optional(),
    /** Socket rooms, `<kind>:<id>` (`room:456`, `playlist:9`). */
    rooms: z.array(SocketRoom).max(10_000).optional(),
    /** Leave these users out (usually the sender). */
    exceptUsers: z.array(Id).max(10_000).optional(),
  })
  .refine((t) => (t.users?.length ?? 0) + (t.rooms?.length ?? 0) > 0, 'target users or rooms');
export type SocketTarget = z.infer<typeof SocketTarget>;

export const SocketDelivery = z.object({
  target: SocketTarget,
  namespace: z.string().startsWith('/').default('/'),
  event: z.string().min(1).max(100),
  data: z.unknown(),
});
export type SocketDelivery = z.infer<typeof SocketDelivery>;

/**
 * Published by any service; received by every gateway replica, each emitting to its own matching
 * sockets, so every socket gets it once. `event` must be a socket event contract and `data` its
 * payload; services send it through the runtime's `deliverToSockets`.
 */
export const socketDeliver = defineEvent({
  subject: 'gateway.socket.deliver',
  payload: SocketDelivery,
});

/** Emitted to a socket whose event could not be handled and had no acknowledgement to answer. */
export const socketError = defineSocketEvent({
  event: 'error',
  payload: ErrorBody.extend({ event: z.string().optional() }),
});
