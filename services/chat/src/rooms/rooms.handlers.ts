import {
  acceptFriendRequest,
  acceptFriendRequestFrom,
  acceptInvitation,
  blockUser,
  cancelFriendRequest,
  chatCleanup,
  chatSocketRooms,
  completeChatUpload,
  createChatUpload,
  createRoom,
  declineFriendRequest,
  declineInvitation,
  deleteMessage,
  editMessage,
  getChatSettings,
  getRoom,
  inviteMember,
  joinRoom,
  kickMember,
  leaveRoom,
  listBlocks,
  listFriendRequests,
  listFriends,
  listInvitations,
  listMembers,
  listMessages,
  listReadReceipts,
  listRooms,
  markRead,
  openDirectRoom,
  removeFriend,
  removeFriendNamed,
  sendFriendRequest,
  sendMessage,
  sendTyping,
  transferOwnership,
  unblockUser,
  updateChatSettings,
  updateRoom,
  withdrawFriendRequestWith,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { Uploads } from '@seed/runtime/uploads';
import type { FriendsService } from '../friends/friends.service.ts';
import type { MessagesService } from '../messages/messages.service.ts';
import type { ReadsService } from '../reads/reads.service.ts';
import type { RoomsService } from '../rooms/rooms.service.ts';

export interface ChatServices {
  friends: FriendsService;
  rooms: RoomsService;
  messages: MessagesService;
  reads: ReadsService;
  uploads: Uploads;
}

/** Binds every chat contract to its service operation. */
export function serveChat(
  host: ServiceHost,
  s: ChatServices,
  opts: { closedRoomRetentionMs: number; staleUploadAgeMs: number },
): void {
  host.serve(chatCleanup, async () => ({
    purged: {
      openRooms: await s.rooms.removeClosedOpenRooms(opts.closedRoomRetentionMs),
      uploads: await s.uploads.removeStale(opts.staleUploadAgeMs),
    },
  }));
  host.serve(chatSocketRooms, ({ userId }) => s.rooms.socketRoomsOf(userId));
  host.serve(createChatUpload, async (input, { caller }) => {
    const { upload, target, expiresAt } = await s.uploads.create(caller.userId, input);
    return { upload, uploadUrl: target.url, method: target.method, headers: target.headers, expiresAt };
  });
  host.serve(completeChatUpload, ({ uploadId }, { caller }) => s.uploads.complete(caller.userId, uploadId));

  host.serve(listFriends, (_, { caller }) => s.friends.list(caller.userId));
  host.serve(listFriendRequests, (_, { caller }) => s.friends.listRequests(caller.userId));
  host.serve(sendFriendRequest, ({ nickname }, { caller }) => s.friends.send(caller.userId, nickname));
  host.serve(acceptFriendRequest, ({ requestId }, { caller }) => s.friends.accept(caller.userId, requestId));
  host.serve(declineFriendRequest, ({ requestId }, { caller }) => s.friends.decline(caller.userId, requestId));
  host.serve(cancelFriendRequest, ({ requestId }, { caller }) => s.friends.cancel(caller.userId, requestId));
  host.serve(removeFriend, ({ userId }, { caller }) => s.friends.remove(caller.userId, userId));
  host.serve(acceptFriendRequestFrom, ({ nickname }, { caller }) => s.friends.acceptFrom(caller.userId, nickname));
  host.serve(withdrawFriendRequestWith, ({ nickname }, { caller }) => s.friends.withdrawWith(caller.userId, nickname));
  host.serve(removeFriendNamed, ({ nickname }, { caller }) => s.friends.removeNamed(caller.userId, nickname));
  host.serve(listBlocks, (_, { caller }) => s.friends.listBlocks(caller.userId));
  host.serve(blockUser, ({ userId }, { caller }) => s.friends.block(caller.userId, userId));
  host.serve(unblockUser, ({ userId }, { caller }) => s.friends.unblock(caller.userId, userId));

  host.serve(listRooms, (_, { caller }) => s.rooms.list(caller.userId));
  host.serve(createRoom, (input, { caller }) => s.rooms.create(caller.userId, input));
  host.serve(openDirectRoom, ({ userId }, { caller }) => s.rooms.openDirect(caller.userId, userId));
  host.serve(getRoom, ({ roomId }, { caller }) => s.rooms.get(caller.userId, roomId));
  host.serve(updateRoom, ({ roomId, ...patch }, { caller }) => s.rooms.update(caller.userId, roomId, patch));
  host.serve(joinRoom, ({ roomId }, { caller }) => s.rooms.join(caller.userId, roomId));
  host.serve(leaveRoom, ({ roomId }, { caller }) => s.rooms.leave(caller.userId, roomId));
  host.serve(listMembers, ({ roomId }, { caller }) => s.rooms.members(caller.userId, roomId));
  host.serve(kickMember, ({ roomId, userId }, { caller }) => s.rooms.kick(caller.userId, roomId, userId));
  host.serve(transferOwnership, ({ roomId, userId }, { caller }) => s.rooms.transfer(caller.userId, roomId, userId));
  host.serve(inviteMember, ({ roomId, userId }, { caller }) => s.rooms.invite(caller.userId, roomId, userId));
  host.serve(listInvitations, (_, { caller }) => s.rooms.invitations(caller.userId));
  host.serve(acceptInvitation, ({ invitationId }, { caller }) => s.rooms.acceptInvitation(caller.userId, invitationId));
  host.serve(declineInvitation, ({ invitationId }, { caller }) =>
    s.rooms.declineInvitation(caller.userId, invitationId),
  );

  host.serve(listMessages, ({ roomId, before, limit }, { caller }) =>
    s.messages.list(caller.userId, roomId, before, limit),
  );
  host.serve(sendMessage, (input, { caller }) => s.messages.send(caller.userId, input));
  host.serve(editMessage, ({ roomId, messageId, text }, { caller }) =>
    s.messages.edit(caller.userId, roomId, messageId, text),
  );
  host.serve(deleteMessage, ({ roomId, messageId }, { caller }) => s.messages.delete(caller.userId, roomId, messageId));

  host.serve(markRead, ({ roomId, messageId }, { caller }) => s.reads.markRead(caller.userId, roomId, messageId));
  host.serve(listReadReceipts, ({ roomId }, { caller }) => s.reads.receipts(caller.userId, roomId));
  host.serve(sendTyping, ({ roomId }, { caller }) => s.reads.typing(caller.userId, roomId));
  host.serve(getChatSettings, (_, { caller }) => s.reads.settings(caller.userId));
  host.serve(updateChatSettings, (input, { caller }) => s.reads.updateSettings(caller.userId, input));
}
