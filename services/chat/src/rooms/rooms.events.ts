import {
  blocksChangedSocket,
  type ChatUser,
  chatSocketRoom,
  type FriendRequest,
  type FriendshipChange,
  friendRemovedSocket,
  friendRequestAcceptedSocket,
  friendRequestCancelledSocket,
  friendRequestDeclinedSocket,
  friendRequestReceivedSocket,
  friendshipChanged,
  type Invitation,
  invitationReceivedSocket,
  type Message,
  messageCreated,
  messageDeleted,
  messageUpdated,
  type PayloadOf,
  type ReadReceipt,
  type Room,
  readSocket,
  roomMembersSocket,
  roomUpdatedSocket,
  type SocketEventContract,
  socketRooms,
  typingSocket,
} from '@seed/contracts';
import { deliverToSockets, type NatsConnection, publishEvent } from '@seed/runtime';

export type MessageChangeKind = 'created' | 'updated' | 'deleted';
export type MemberChangeKind = 'joined' | 'left' | 'kicked' | 'owner';

/**
 * Tells users' sockets (on every gateway replica) and other services what changed in chat.
 * Fire-and-forget: a change is stored before it is announced.
 */
export interface ChatNotifier {
  /**
   * What became of a message, with who was in the room: the gateway shows it to the room's sockets
   * (every kind of client), other services act on it.
   */
  messageChanged(kind: MessageChangeKind, message: Message, author: ChatUser | null, recipients: string[]): void;
  /** The users' sockets start receiving what happens in the room (before anything they should see). */
  joinedRoom(roomId: string, userIds: string[]): void;
  /** The users' sockets stop receiving what happens in the room (after the last thing they should see). */
  leftRoom(roomId: string, userIds: string[]): void;
  members(roomId: string, change: MemberChangeKind, user: ChatUser): void;
  roomUpdated(room: Room): void;
  invitation(invitation: Invitation, inviteeId: string): void;
  typing(roomId: string, userId: string): void;
  /** To the room, or only to the reader's own sockets when they do not share read receipts. */
  read(receipt: ReadReceipt, shared: boolean): void;
  friendRequestReceived(request: FriendRequest): void;
  friendship(change: FriendshipChange): void;
  blocksChanged(blockerId: string, userId: string, blocked: boolean): void;
  /** `userId` is no longer a friend of `recipientId` (an account that was deleted). */
  friendRemovedFor(recipientId: string, userId: string): void;
}

export function createChatNotifier(nc: NatsConnection): ChatNotifier {
  /** To the sockets of one or two users (everything for a whole room goes to the room). */
  function deliver<C extends SocketEventContract>(event: C, users: string[], data: PayloadOf<C>) {
    deliverToSockets(nc, event, { users }, data);
  }
  function toRoom<C extends SocketEventContract>(event: C, roomId: string, data: PayloadOf<C>, except?: string) {
    deliverToSockets(
      nc,
      event,
      { rooms: [chatSocketRoom(roomId)], ...(except ? { exceptUsers: [except] } : {}) },
      data,
    );
  }
  function changeRooms(roomId: string, users: string[], change: 'join' | 'leave') {
    const rooms = [chatSocketRoom(roomId)];
    publishEvent(nc, socketRooms, {
      users,
      namespace: '/',
      ...(change === 'join' ? { join: rooms } : { leave: rooms }),
    });
  }
  const domainEventOf = { created: messageCreated, updated: messageUpdated, deleted: messageDeleted };

  return {
    messageChanged(kind, message, author, recipients) {
      publishEvent(nc, domainEventOf[kind], { message, author, recipients });
    },
    joinedRoom(roomId, userIds) {
      changeRooms(roomId, userIds, 'join');
    },
    leftRoom(roomId, userIds) {
      changeRooms(roomId, userIds, 'leave');
    },
    members(roomId, change, user) {
      toRoom(roomMembersSocket, roomId, { roomId, change, user });
    },
    roomUpdated(room) {
      toRoom(roomUpdatedSocket, room.id, room);
    },
    invitation(invitation, inviteeId) {
      deliver(invitationReceivedSocket, [inviteeId], invitation);
    },
    typing(roomId, userId) {
      toRoom(typingSocket, roomId, { roomId, userId }, userId);
    },
    read(receipt, shared) {
      if (shared) toRoom(readSocket, receipt.roomId, receipt);
      else deliver(readSocket, [receipt.userId], receipt);
    },
    friendRequestReceived(request) {
      deliver(friendRequestReceivedSocket, [request.to.id], request);
    },
    friendship(change) {
      const { actor, target, requestId } = change;
      switch (change.change) {
        case 'requested':
          break; // friendRequestReceived carries the whole request
        case 'accepted':
          deliver(friendRequestAcceptedSocket, [target.id], { requestId: requestId!, friend: actor });
          deliver(friendRequestAcceptedSocket, [actor.id], { requestId: requestId!, friend: target });
          break;
        case 'declined':
          deliver(friendRequestDeclinedSocket, [target.id], { requestId: requestId!, user: actor });
          deliver(friendRequestDeclinedSocket, [actor.id], { requestId: requestId!, user: target });
          break;
        case 'cancelled':
          deliver(friendRequestCancelledSocket, [target.id], { requestId: requestId!, user: actor });
          deliver(friendRequestCancelledSocket, [actor.id], { requestId: requestId!, user: target });
          break;
        case 'removed':
          deliver(friendRemovedSocket, [target.id], { userId: actor.id });
          deliver(friendRemovedSocket, [actor.id], { userId: target.id });
          break;
      }
      publishEvent(nc, friendshipChanged, change);
    },
    blocksChanged(blockerId, userId, blocked) {
      deliver(blocksChangedSocket, [blockerId], { userId, blocked });
    },
    friendRemovedFor(recipientId, userId) {
      deliver(friendRemovedSocket, [recipientId], { userId });
    },
  };
}
