import {
  type ChatUser,
  chatSocketRoom,
  type Invitation,
  invitationReceivedSocket,
  type Room,
  roomMembersSocket,
  roomUpdatedSocket,
  socketRooms,
} from '@seed/contracts';
import { deliverToSockets, type NatsConnection, publishEvent } from '@seed/runtime';

export type MemberChangeKind = 'joined' | 'left' | 'kicked' | 'owner';

/**
 * What changed in rooms, told to users' sockets on every gateway replica. Fire-and-forget: a
 * change is stored before it is announced.
 */
export interface RoomsEvents {
  /** The users' sockets start receiving what happens in the room (before anything they should see). */
  joinedRoom(roomId: string, userIds: string[]): void;
  /** The users' sockets stop receiving what happens in the room (after the last thing they should see). */
  leftRoom(roomId: string, userIds: string[]): void;
  members(roomId: string, change: MemberChangeKind, user: ChatUser): void;
  roomUpdated(room: Room): void;
  invitation(invitation: Invitation, inviteeId: string): void;
}

export function createRoomsEvents(nc: NatsConnection): RoomsEvents {
  function changeRooms(roomId: string, users: string[], change: 'join' | 'leave') {
    const rooms = [chatSocketRoom(roomId)];
    publishEvent(nc, socketRooms, {
      users,
      namespace: '/',
      ...(change === 'join' ? { join: rooms } : { leave: rooms }),
    });
  }
  return {
    joinedRoom: (roomId, userIds) => changeRooms(roomId, userIds, 'join'),
    leftRoom: (roomId, userIds) => changeRooms(roomId, userIds, 'leave'),
    members(roomId, change, user) {
      deliverToSockets(nc, roomMembersSocket, { rooms: [chatSocketRoom(roomId)] }, { roomId, change, user });
    },
    roomUpdated(room) {
      deliverToSockets(nc, roomUpdatedSocket, { rooms: [chatSocketRoom(room.id)] }, room);
    },
    invitation(invitation, inviteeId) {
      deliverToSockets(nc, invitationReceivedSocket, { users: [inviteeId] }, invitation);
    },
  };
}
