import { z } from 'zod';
import { defineEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { SocketRoom } from './socket-delivery.contract.ts';

export const SocketRoomsChange = z
  .object({
    /** Whose connected sockets change rooms. */
    users: z.array(Id).min(1).max(10_000),
    namespace: z.string().startsWith('/').default('/'),
    join: z.array(SocketRoom).max(100).optional(),
    leave: z.array(SocketRoom).max(100).optional(),
  })
  .refine((c) => (c.join?.length ?? 0) + (c.leave?.length ?? 0) > 0, 'join or leave rooms');
export type SocketRoomsChange = z.infer<typeof SocketRoomsChange>;

/**
 * Published by any service; received by every gateway replica, each making its own sockets of the
 * users join or leave the rooms, in order with the deliveries the same publisher sends after it.
 * Only sockets connected at that moment change: a socket that connects later starts in
 * `user:<id>` alone. Idempotent.
 */
export const socketRooms = defineEvent({
  subject: 'gateway.socket.rooms',
  payload: SocketRoomsChange,
});
