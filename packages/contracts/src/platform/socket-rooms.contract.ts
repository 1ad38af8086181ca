import { z } from 'zod';
import { defineEvent, defineRequest, type RequestContract } from '../define.ts';
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

export const SocketRoomsOfUserRequest = z.object({ userId: Id });
export const SocketRoomsOfUserReply = z.object({
  /** Every room of the namespace the user's sockets belong in now. */
  rooms: z.array(SocketRoom).max(10_000),
});

export type SocketRoomsSourceContract<D extends string = string> = RequestContract<
  `${D}.socket.rooms`,
  typeof SocketRoomsOfUserRequest,
  typeof SocketRoomsOfUserReply,
  'internal'
>;

/**
 * The rooms a service wants a user's sockets on namespace `/` in: served by that service, asked by
 * the gateway for each socket as it connects. From then on the service keeps them current with
 * `gateway.socket.rooms`; a change that arrives while the answer is on its way is applied after it.
 * List it in the registry's `requests`; the gateway finds it there.
 */
export function defineSocketRoomsSource<const D extends string>(domain: D): SocketRoomsSourceContract<D> {
  return defineRequest({
    subject: `${domain}.socket.rooms` as `${D}.socket.rooms`,
    access: 'internal',
    request: SocketRoomsOfUserRequest,
    reply: SocketRoomsOfUserReply,
    description: `The ${domain} rooms a user's sockets belong in.`,
  });
}

/** True for contracts made by `defineSocketRoomsSource`. */
export const isSocketRoomsSource = (c: RequestContract): c is SocketRoomsSourceContract =>
  c.subject.endsWith('.socket.rooms') && c.reply === SocketRoomsOfUserReply && c.access === 'internal';
