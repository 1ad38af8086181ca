import {
  chatSocketRoom,
  type EventContract,
  memberEntered,
  memberExited,
  memberPlaying,
  messageCreated,
  messageCreatedSocket,
  messageDeleted,
  messageDeletedSocket,
  messageUpdated,
  messageUpdatedSocket,
  type PayloadOf,
  playbackChanged,
  playcoMemberEntered,
  playcoMemberExited,
  playcoMembersEvicted,
  playcoMemberUpdated,
  playcoPlaybackChanged,
  playcoPlaylistClosed,
  playcoPlaylistModified,
  playlistClosed,
  playlistModified,
  playlistSocketRoom,
  type SocketEventContract,
} from '@seed/contracts';
import type { DomainEvents } from '../events/index.ts';
import type { GatewayServer } from './socket-data.ts';
import { changeUsersRooms } from './socket-delivery.ts';
import type { SocketRoomSync } from './socket-room-sync.ts';

/** A domain event shown as a socket event of the new API: the socket room it goes to, and what it says. */
interface SocketView<E extends EventContract, S extends SocketEventContract> {
  event: E;
  socketEvent: S;
  to(payload: PayloadOf<E>): { room: string; data: PayloadOf<S> };
}
const view = <E extends EventContract, S extends SocketEventContract>(v: SocketView<E, S>) => v;

/** Which socket event of `/` each domain event is, and which socket room hears it. */
const socketViews = [
  view({
    event: messageCreated,
    socketEvent: messageCreatedSocket,
    to: ({ message }) => ({ room: chatSocketRoom(message.roomId), data: message }),
  }),
  view({
    event: messageUpdated,
    socketEvent: messageUpdatedSocket,
    to: ({ message }) => ({ room: chatSocketRoom(message.roomId), data: message }),
  }),
  view({
    event: messageDeleted,
    socketEvent: messageDeletedSocket,
    to: ({ message }) => ({ room: chatSocketRoom(message.roomId), data: message }),
  }),
  view({
    event: playcoMemberEntered,
    socketEvent: memberEntered,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
  view({
    event: playcoMemberExited,
    socketEvent: memberExited,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
  view({
    event: playcoMemberUpdated,
    socketEvent: memberPlaying,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
  view({
    event: playcoPlaylistModified,
    socketEvent: playlistModified,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
  view({
    event: playcoPlaylistClosed,
    socketEvent: playlistClosed,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
  view({
    event: playcoPlaybackChanged,
    socketEvent: playbackChanged,
    to: (p) => ({ room: playlistSocketRoom(p.playlistId), data: p }),
  }),
];

/**
 * The new API's view of domain events: each one's socket event on `/`, to this replica's sockets
 * in the socket room it names; sockets evicted from a playlist leave its room.
 */
export function showDomainEventsOnSockets(deps: {
  io: GatewayServer;
  events: DomainEvents;
  roomSync: Pick<SocketRoomSync, 'change'>;
}): void {
  const nsp = deps.io.of('/');
  const wanted = () => nsp.sockets.size > 0;
  for (const { event, socketEvent, to } of socketViews)
    deps.events.on(event, {
      wanted,
      show(payload) {
        const { room, data } = (to as (p: unknown) => { room: string; data: unknown })(payload);
        if (nsp.adapter.rooms.has(room)) nsp.local.to(room).emit(socketEvent.event, data);
      },
    });
  deps.events.on(playcoMembersEvicted, {
    wanted,
    show: ({ playlistId, userIds }) =>
      changeUsersRooms(nsp, deps.roomSync, userIds, { leave: [playlistSocketRoom(playlistId)] }),
  });
}
