import {
  acceptInvitation,
  chatSocketRooms,
  createRoom,
  declineInvitation,
  getRoom,
  inviteMember,
  joinRoom,
  kickMember,
  leaveRoom,
  listInvitations,
  listMembers,
  listRooms,
  openDirectRoom,
  resolveRewindChat,
  transferOwnership,
  updateRoom,
  userDeleted,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { RoomsService } from './rooms.service.ts';

/** Binds the rooms contracts to the rooms service. */
export function serveRoomsHandlers(host: ServiceHost, rooms: RoomsService): void {
  host.serve(chatSocketRooms, ({ userId }) => rooms.socketRoomsOf(userId));
  host.serve(listRooms, (_, { caller }) => rooms.list(caller.userId));
  host.serve(createRoom, (input, { caller }) => rooms.create(caller.userId, input));
  host.serve(openDirectRoom, ({ userId }, { caller }) => rooms.openDirect(caller.userId, userId));
  host.serve(resolveRewindChat, ({ chatId }, { caller }) => rooms.resolveRewindChat(caller.userId, chatId));
  host.serve(getRoom, ({ roomId }, { caller }) => rooms.get(caller.userId, roomId));
  host.serve(updateRoom, ({ roomId, ...patch }, { caller }) => rooms.update(caller.userId, roomId, patch));
  host.serve(joinRoom, ({ roomId }, { caller }) => rooms.join(caller.userId, roomId));
  host.serve(leaveRoom, ({ roomId }, { caller }) => rooms.leave(caller.userId, roomId));
  host.serve(listMembers, ({ roomId }, { caller }) => rooms.members(caller.userId, roomId));
  host.serve(kickMember, ({ roomId, userId }, { caller }) => rooms.kick(caller.userId, roomId, userId));
  host.serve(transferOwnership, ({ roomId, userId }, { caller }) => rooms.transfer(caller.userId, roomId, userId));
  host.serve(inviteMember, ({ roomId, userId }, { caller }) => rooms.invite(caller.userId, roomId, userId));
  host.serve(listInvitations, (_, { caller }) => rooms.invitations(caller.userId));
  host.serve(acceptInvitation, ({ invitationId }, { caller }) => rooms.acceptInvitation(caller.userId, invitationId));
  host.serve(declineInvitation, ({ invitationId }, { caller }) => rooms.declineInvitation(caller.userId, invitationId));
  host.subscribe(userDeleted, ({ userId }) => rooms.forgetUser(userId));
}
