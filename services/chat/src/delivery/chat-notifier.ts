import {
  blocksChangedSocket,
  type ChatUser,
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
  messageCreatedSocket,
  messageDeleted,
  messageDeletedSocket,
  messageUpdated,
  messageUpdatedSocket,
  type PayloadOf,
  type ReadReceipt,
  type Room,
  readSocket,
  roomMembersSocket,
  roomUpdatedSocket,
  type SocketEventContract,
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
  message(kind: MessageChangeKind, message: Message, author: ChatUser | null, recipients: string[]): void;
  members(roomId: string, change: MemberChangeKind, user: ChatUser, recipients: string[]): void;
  roomUpdated(room: Room, recipients: string[]): void;
  invitation(invitation: Invitation, inviteeId: string): void;
  typing(roomId: string, userId: string, recipients: string[]): void;
  read(receipt: ReadReceipt, recipients: string[]): void;
  friendRequestReceived(request: FriendRequest): void;
  friendship(change: FriendshipChange): void;
  blocksChanged(blockerId: string, userId: string, blocked: boolean): void;
  /** `userId` is no longer a friend of `recipientId` (an account that was deleted). */
  friendRemovedFor(recipientId: string, userId: string): void;
}

/** The gateway takes at most this many users per delivery. */
const MAX_TARGET = 10_000;

export function createChatNotifier(nc: NatsConnection): ChatNotifier {
  function deliver<C extends SocketEventContract>(event: C, users: string[], data: PayloadOf<C>, except?: string) {
    for (let i = 0; i < users.length; i += MAX_TARGET) {
      const batch = users.slice(i, i + MAX_TARGET);
      if (batch.length === 0) continue;
      deliverToSockets(nc, event, { users: batch, ...(except ? { exceptUsers: [except] } : {}) }, data);
    }
  }
  const socketEventOf = { created: messageCreatedSocket, updated: messageUpdatedSocket, deleted: messageDeletedSocket };
  const domainEventOf = { created: messageCreated, updated: messageUpdated, deleted: messageDeleted };

  return {
    message(kind, message, author, recipients) {
      deliver(socketEventOf[kind], recipients, message);
      publishEvent(nc, domainEventOf[kind], { message, author, recipients });
    },
    members(roomId, change, user, recipients) {
      deliver(roomMembersSocket, recipients, { roomId, change, user });
    },
    roomUpdated(room, recipients) {
      deliver(roomUpdatedSocket, recipients, room);
    },
    invitation(invitation, inviteeId) {
      deliver(invitationReceivedSocket, [inviteeId], invitation);
    },
    typing(roomId, userId, recipients) {
      deliver(typingSocket, recipients, { roomId, userId }, userId);
    },
    read(receipt, recipients) {
      deliver(readSocket, recipients, receipt);
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
