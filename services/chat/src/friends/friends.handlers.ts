import {
  acceptFriendRequest,
  acceptFriendRequestFrom,
  blockUser,
  cancelFriendRequest,
  declineFriendRequest,
  listBlocks,
  listFriendRequests,
  listFriends,
  removeFriend,
  removeFriendNamed,
  sendFriendRequest,
  unblockUser,
  userDeleted,
  withdrawFriendRequestWith,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { FriendsService } from './friends.service.ts';

/** Binds the friends contracts to the friends service. */
export function serveFriendsHandlers(host: ServiceHost, friends: FriendsService): void {
  host.serve(listFriends, (_, { caller }) => friends.list(caller.userId));
  host.serve(listFriendRequests, (_, { caller }) => friends.listRequests(caller.userId));
  host.serve(sendFriendRequest, ({ nickname }, { caller }) => friends.send(caller.userId, nickname));
  host.serve(acceptFriendRequest, ({ requestId }, { caller }) => friends.accept(caller.userId, requestId));
  host.serve(declineFriendRequest, ({ requestId }, { caller }) => friends.decline(caller.userId, requestId));
  host.serve(cancelFriendRequest, ({ requestId }, { caller }) => friends.cancel(caller.userId, requestId));
  host.serve(removeFriend, ({ userId }, { caller }) => friends.remove(caller.userId, userId));
  host.serve(acceptFriendRequestFrom, ({ nickname }, { caller }) => friends.acceptFrom(caller.userId, nickname));
  host.serve(withdrawFriendRequestWith, ({ nickname }, { caller }) => friends.withdrawWith(caller.userId, nickname));
  host.serve(removeFriendNamed, ({ nickname }, { caller }) => friends.removeNamed(caller.userId, nickname));
  host.serve(listBlocks, (_, { caller }) => friends.listBlocks(caller.userId));
  host.serve(blockUser, ({ userId }, { caller }) => friends.block(caller.userId, userId));
  host.serve(unblockUser, ({ userId }, { caller }) => friends.unblock(caller.userId, userId));
  host.subscribe(userDeleted, ({ userId }) => friends.forgetUser(userId));
}
