import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id, Timestamp } from '../ids.ts';
import { ChatMember, ChatSettings, Invitation, Room, RoomSummary } from './chat-models.ts';

const tags = ['chat: rooms'];
const RoomName = z.string().trim().min(1).max(100);
const SlowMode = z.number().int().min(0).max(3600);

/** Served by chat; the caller's rooms with unread counts, most recently active first. */
export const listRooms = defineRequest({
  subject: 'chat.room.list',
  access: 'user',
  request: z.object({}),
  reply: z.array(RoomSummary),
  http: {
    method: 'GET',
    path: '/api/v1/chat/rooms',
    tags,
    summary: 'My rooms',
    description:
      "The caller's rooms, most recently active first, each with the unread count and, for direct rooms, the other member (`peer`).",
  },
  socket: { event: 'chat:room:list' },
});

/**
 * Served by chat; creates a `group` room owned by the caller (the users in `inviteUserIds` are
 * invited) or an `open` room anyone may join by id between `opensAt` and `closesAt`.
 */
export const createRoom = defineRequest({
  subject: 'chat.room.create',
  access: 'user',
  request: z
    .object({
      kind: z.enum(['group', 'open']),
      name: RoomName,
      inviteUserIds: z.array(Id).max(100).default([]),
      opensAt: Timestamp.nullable().optional(),
      closesAt: Timestamp.nullable().optional(),
      slowModeSeconds: SlowMode.default(0),
    })
    .refine((r) => !r.opensAt || !r.closesAt || r.opensAt < r.closesAt, {
      message: 'closesAt must be after opensAt',
      path: ['closesAt'],
    }),
  reply: Room,
  errors: ['unprocessable'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms',
    status: 201,
    tags,
    summary: 'Create a room',
    description:
      'Creates a `group` room owned by the caller (the users in `inviteUserIds` are invited), or an `open` room anyone may join by id between `opensAt` and `closesAt`. `slowModeSeconds` makes members wait between messages.',
    example: { kind: 'group', name: 'Book club', inviteUserIds: ['7269113839640576001'] },
  },
  socket: { event: 'chat:room:create' },
});

/**
 * Served by chat; the one direct room of the caller and `userId`, created on first use.
 * Idempotent. A user who blocked the caller, or whom the caller blocked, is `user_not_found`.
 */
export const openDirectRoom = defineRequest({
  subject: 'chat.room.direct',
  access: 'user',
  request: z.object({ userId: Id }),
  reply: Room,
  errors: ['user_not_found', 'cannot_befriend_self'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/direct/:userId',
    tags,
    summary: 'Open the direct room with a user',
    description:
      'The one direct room of the caller and this user, created on first use. Idempotent. A user who blocked the caller, or whom the caller blocked, is `user_not_found`.',
    example: { userId: '7269113839640576001' },
  },
  socket: { event: 'chat:room:direct' },
});

/**
 * Served by chat; called by the legacy REWIND adapter. The room a REWIND `chat_id` names for the
 * caller: their room with that id, else the direct room with the friend (or former DM partner)
 * whose id XOR the caller's is `chatId`, opened on first use. `chatId` in the reply is the room's
 * own `chat_id` (a DM's XOR, any other room's id). Anything else is `room_not_found`.
 */
export const resolveRewindChat = defineRequest({
  subject: 'chat.room.rewind_resolve',
  access: 'user',
  request: z.object({ chatId: Id }),
  reply: z.object({ roomId: Id, chatId: Id }),
  errors: ['room_not_found'],
});

/** Served by chat; a room the caller belongs to (an open room for anyone). */
export const getRoom = defineRequest({
  subject: 'chat.room.get',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: Room,
  errors: ['room_not_found', 'not_a_member'],
  http: {
    method: 'GET',
    path: '/api/v1/chat/rooms/:roomId',
    tags,
    summary: 'A room',
    description: 'A room the caller belongs to (an open room for anyone).',
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:room:get' },
});

/** Served by chat; the owner renames a room, sets slow mode or an open room's times. Members hear `chat:room:updated`. */
export const updateRoom = defineRequest({
  subject: 'chat.room.update',
  access: 'user',
  request: z.object({
    roomId: Id,
    name: RoomName.optional(),
    slowModeSeconds: SlowMode.optional(),
    opensAt: Timestamp.nullable().optional(),
    closesAt: Timestamp.nullable().optional(),
  }),
  reply: Room,
  errors: ['room_not_found', 'not_a_member', 'not_room_owner', 'unprocessable'],
  http: {
    method: 'PATCH',
    path: '/api/v1/chat/rooms/:roomId',
    tags,
    summary: 'Change a room',
    description: "The owner renames a room, sets slow mode or an open room's times; members hear `chat:room:updated`.",
    example: { roomId: '7270023521350148096', name: 'Book club (Tuesdays)', slowModeSeconds: 10 },
  },
  socket: { event: 'chat:room:update' },
});

/** Served by chat; joins an open room while it is open. Idempotent. */
export const joinRoom = defineRequest({
  subject: 'chat.room.join',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: Room,
  errors: ['room_not_found', 'room_expired', 'room_not_open', 'room_kind_mismatch'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/join',
    tags,
    summary: 'Join an open room',
    description:
      'Joins an open room while it is open (`room_not_open` before `opensAt`, `room_expired` after `closesAt`). Idempotent.',
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:room:join' },
});

/** Served by chat; leaves a group or open room. An owner leaving hands the room to the longest member. */
export const leaveRoom = defineRequest({
  subject: 'chat.room.leave',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: z.object({}),
  errors: ['room_not_found', 'not_a_member', 'room_kind_mismatch'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/leave',
    tags,
    summary: 'Leave a room',
    description: 'Leaves a group or open room. An owner who leaves hands the room to its longest member.',
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:room:leave' },
});

/** Served by chat; a room's members with their presence. Members only. */
export const listMembers = defineRequest({
  subject: 'chat.member.list',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: z.array(ChatMember),
  errors: ['room_not_found', 'not_a_member'],
  http: {
    method: 'GET',
    path: '/api/v1/chat/rooms/:roomId/members',
    tags,
    summary: 'Members of a room',
    description: "A room's members with their role and whether each is online. Members only.",
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:member:list' },
});

/** Served by chat; the owner removes a member from a group or open room. */
export const kickMember = defineRequest({
  subject: 'chat.member.kick',
  access: 'user',
  request: z.object({ roomId: Id, userId: Id }),
  reply: z.object({}),
  errors: ['room_not_found', 'not_a_member', 'not_room_owner', 'member_not_found', 'room_kind_mismatch'],
  http: {
    method: 'DELETE',
    path: '/api/v1/chat/rooms/:roomId/members/:userId',
    tags,
    summary: 'Remove a member',
    description: 'The owner removes a member from a group or open room; the room hears `chat:room:members`.',
    example: { roomId: '7270023521350148096', userId: '7269113839640576001' },
  },
  socket: { event: 'chat:member:kick' },
});

/** Served by chat; the owner hands the room to another member. */
export const transferOwnership = defineRequest({
  subject: 'chat.room.transfer',
  access: 'user',
  request: z.object({ roomId: Id, userId: Id }),
  reply: Room,
  errors: ['room_not_found', 'not_a_member', 'not_room_owner', 'member_not_found', 'room_kind_mismatch'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/owner',
    tags,
    summary: 'Hand a room over',
    description: 'The owner makes another member the owner.',
    example: { roomId: '7270023521350148096', userId: '7269113839640576001' },
  },
  socket: { event: 'chat:room:transfer' },
});

/** Served by chat; the owner invites a user to a group room; they hear `chat:invitation:received`. Idempotent. */
export const inviteMember = defineRequest({
  subject: 'chat.invitation.create',
  access: 'user',
  request: z.object({ roomId: Id, userId: Id }),
  reply: Invitation,
  errors: [
    'room_not_found',
    'not_a_member',
    'not_room_owner',
    'user_not_found',
    'already_member',
    'room_kind_mismatch',
  ],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/invitations',
    status: 201,
    tags,
    summary: 'Invite to a room',
    description:
      'The owner invites a user to a group room; they hear `chat:invitation:received` and join by accepting. Idempotent.',
    example: { roomId: '7270023521350148096', userId: '7269113839640576001' },
  },
  socket: { event: 'chat:invitation:create' },
});

/** Served by chat; invitations waiting for the caller. */
export const listInvitations = defineRequest({
  subject: 'chat.invitation.list',
  access: 'user',
  request: z.object({}),
  reply: z.array(Invitation),
  http: {
    method: 'GET',
    path: '/api/v1/chat/invitations',
    tags,
    summary: 'My invitations',
    description: "Invitations to rooms waiting for the caller's answer.",
  },
  socket: { event: 'chat:invitation:list' },
});

/** Served by chat; the invitee joins the room. */
export const acceptInvitation = defineRequest({
  subject: 'chat.invitation.accept',
  access: 'user',
  request: z.object({ invitationId: Id }),
  reply: Room,
  errors: ['invitation_not_found'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/invitations/:invitationId/accept',
    tags,
    summary: 'Accept an invitation',
    description: 'The invitee joins the room.',
    example: { invitationId: '7270024468021362688' },
  },
  socket: { event: 'chat:invitation:accept' },
});

/** Served by chat; the invitee refuses. */
export const declineInvitation = defineRequest({
  subject: 'chat.invitation.decline',
  access: 'user',
  request: z.object({ invitationId: Id }),
  reply: z.object({}),
  errors: ['invitation_not_found'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/invitations/:invitationId/decline',
    tags,
    summary: 'Decline an invitation',
    description: 'The invitee refuses; the invitation is gone.',
    example: { invitationId: '7270024468021362688' },
  },
  socket: { event: 'chat:invitation:decline' },
});

/** Served by chat; the caller's chat settings. */
export const getChatSettings = defineRequest({
  subject: 'chat.settings.get',
  access: 'user',
  request: z.object({}),
  reply: ChatSettings,
  http: {
    method: 'GET',
    path: '/api/v1/chat/settings',
    tags,
    summary: 'My chat settings',
    description: "The caller's chat settings, e.g. whether others see their read receipts.",
  },
  socket: { event: 'chat:settings:get' },
});

/** Served by chat; e.g. turns read receipts off: others no longer see how far the caller has read. */
export const updateChatSettings = defineRequest({
  subject: 'chat.settings.update',
  access: 'user',
  request: z.object({ readReceipts: z.boolean() }),
  reply: ChatSettings,
  http: {
    method: 'PUT',
    path: '/api/v1/chat/settings',
    tags,
    summary: 'Change my chat settings',
    description: 'Turning `readReceipts` off stops others from seeing how far the caller has read.',
    example: { readReceipts: false },
  },
  socket: { event: 'chat:settings:update' },
});

export const roomsRequests = [
  listRooms,
  createRoom,
  openDirectRoom,
  resolveRewindChat,
  getRoom,
  updateRoom,
  joinRoom,
  leaveRoom,
  listMembers,
  kickMember,
  transferOwnership,
  inviteMember,
  listInvitations,
  acceptInvitation,
  declineInvitation,
  getChatSettings,
  updateChatSettings,
];
