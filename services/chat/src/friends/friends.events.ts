import {
  blocksChangedSocket,
  type FriendRequest,
  type FriendshipChange,
  friendRemovedSocket,
  friendRequestAcceptedSocket,
  friendRequestCancelledSocket,
  friendRequestDeclinedSocket,
  friendRequestReceivedSocket,
  friendshipChanged,
  type PayloadOf,
  type SocketEventContract,
} from '@seed/contracts';
import { deliverToSockets, type NatsConnection, publishEvent } from '@seed/runtime';

/**
 * What changed in friendships: to both users' sockets on every gateway replica, and as chat's
 * domain event. Fire-and-forget: a change is stored before it is announced.
 */
export interface FriendsEvents {
  friendRequestReceived(request: FriendRequest): void;
  friendship(change: FriendshipChange): void;
  blocksChanged(blockerId: string, userId: string, blocked: boolean): void;
  /** `userId` is no longer a friend of `recipientId` (an account that was deleted). */
  friendRemovedFor(recipientId: string, userId: string): void;
}

export function createFriendsEvents(nc: NatsConnection): FriendsEvents {
  function deliver<C extends SocketEventContract>(event: C, userId: string, data: PayloadOf<C>) {
    deliverToSockets(nc, event, { users: [userId] }, data);
  }
  return {
    friendRequestReceived(request) {
      deliver(friendRequestReceivedSocket, request.to.id, request);
    },
    friendship(change) {
      const { actor, target, requestId } = change;
      switch (change.change) {
        case 'requested':
          break; // friendRequestReceived carries the whole request
        case 'accepted':
          deliver(friendRequestAcceptedSocket, target.id, { requestId: requestId!, friend: actor });
          deliver(friendRequestAcceptedSocket, actor.id, { requestId: requestId!, friend: target });
          break;
        case 'declined':
          deliver(friendRequestDeclinedSocket, target.id, { requestId: requestId!, user: actor });
          deliver(friendRequestDeclinedSocket, actor.id, { requestId: requestId!, user: target });
          break;
        case 'cancelled':
          deliver(friendRequestCancelledSocket, target.id, { requestId: requestId!, user: actor });
          deliver(friendRequestCancelledSocket, actor.id, { requestId: requestId!, user: target });
          break;
        case 'removed':
          deliver(friendRemovedSocket, target.id, { userId: actor.id });
          deliver(friendRemovedSocket, actor.id, { userId: target.id });
          break;
      }
      publishEvent(nc, friendshipChanged, change);
    },
    blocksChanged(blockerId, userId, blocked) {
      deliver(blocksChangedSocket, blockerId, { userId, blocked });
    },
    friendRemovedFor(recipientId, userId) {
      deliver(friendRemovedSocket, recipientId, { userId });
    },
  };
}
