import { z } from 'zod';
import { Nickname } from '../auth/schemas.ts';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { ChatUser, Friend, FriendRequest } from './chat-models.ts';

const tags = ['chat: friends'];

/** Served by chat; the caller's friends with their presence, by nickname. Read-only. */
export const listFriends = defineRequest({
  subject: 'chat.friend.list',
  access: 'user',
  request: z.object({}),
  reply: z.array(Friend),
  http: {
    method: 'GET',
    path: '/api/v1/chat/friends',
    tags,
    summary: 'My friends',
    description: "The caller's friends with whether each has a socket connected right now (`online`).",
  },
  socket: { event: 'friends:list' },
});

/** Served by chat; pending requests the caller received and sent. Read-only. */
export const listFriendRequests = defineRequest({
  subject: 'chat.friend_request.list',
  access: 'user',
  request: z.object({}),
  reply: z.object({ incoming: z.array(FriendRequest), outgoing: z.array(FriendRequest) }),
  http: {
    method: 'GET',
    path: '/api/v1/chat/friends/requests',
    tags,
    summary: 'Pending friend requests',
    description: 'Friend requests the caller received (`incoming`) and sent (`outgoing`) that are still pending.',
  },
  socket: { event: 'friends:request:list' },
});

/**
 * Served by chat; asks the user with `nickname` to be friends (they get `friends:request:received`).
 * Asking someone who already asked the caller accepts their request. A user who blocked the caller
 * is `user_not_found`, as if they did not exist. Idempotent: asking again returns the pending request.
 */
export const sendFriendRequest = defineRequest({
  subject: 'chat.friend_request.send',
  access: 'user',
  request: z.object({ nickname: Nickname }),
  reply: z.object({ request: FriendRequest.nullable(), friend: ChatUser.nullable() }),
  errors: ['user_not_found', 'cannot_befriend_self', 'already_friends', 'user_blocked'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/friends/requests',
    status: 201,
    tags,
    summary: 'Ask someone to be friends',
    description:
      'Sends a friend request to the user with this nickname; they hear `friends:request:received`. Asking someone who already asked the caller accepts their request. Asking again returns the pending request. A user who blocked the caller is `user_not_found`.',
    example: { nickname: 'grace' },
  },
  socket: { event: 'friends:request:send' },
});

/** Served by chat; the addressee accepts: both become friends and both hear `friends:request:accepted`. */
export const acceptFriendRequest = defineRequest({
  subject: 'chat.friend_request.accept',
  access: 'user',
  request: z.object({ requestId: Id }),
  reply: z.object({ friend: ChatUser }),
  errors: ['friend_request_not_found'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/friends/requests/:requestId/accept',
    tags,
    summary: 'Accept a friend request',
    description: 'The addressee accepts: both become friends and both hear `friends:request:accepted`.',
    example: { requestId: '7270019931278327808' },
  },
  socket: { event: 'friends:request:accept' },
});

/** Served by chat; the addressee declines; the sender hears `friends:request:declined`. */
export const declineFriendRequest = defineRequest({
  subject: 'chat.friend_request.decline',
  access: 'user',
  request: z.object({ requestId: Id }),
  reply: z.object({}),
  errors: ['friend_request_not_found'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/friends/requests/:requestId/decline',
    tags,
    summary: 'Decline a friend request',
    description: 'The addressee declines; the sender hears `friends:request:declined`.',
    example: { requestId: '7270019931278327808' },
  },
  socket: { event: 'friends:request:decline' },
});

/** Served by chat; the sender withdraws; the addressee hears `friends:request:cancelled`. */
export const cancelFriendRequest = defineRequest({
  subject: 'chat.friend_request.cancel',
  access: 'user',
  request: z.object({ requestId: Id }),
  reply: z.object({}),
  errors: ['friend_request_not_found'],
  http: {
    method: 'DELETE',
    path: '/api/v1/chat/friends/requests/:requestId',
    tags,
    summary: 'Withdraw a friend request',
    description: 'The sender withdraws a pending request; the addressee hears `friends:request:cancelled`.',
    example: { requestId: '7270019931278327808' },
  },
  socket: { event: 'friends:request:cancel' },
});

/** Served by chat; ends a friendship on both sides; both hear `friends:removed`. Idempotent. */
export const removeFriend = defineRequest({
  subject: 'chat.friend.remove',
  access: 'user',
  request: z.object({ userId: Id }),
  reply: z.object({}),
  http: {
    method: 'DELETE',
    path: '/api/v1/chat/friends/:userId',
    tags,
    summary: 'Remove a friend',
    description: 'Ends a friendship on both sides; both hear `friends:removed`. Idempotent.',
    example: { userId: '7269113839640576001' },
  },
  socket: { event: 'friends:remove' },
});

// Friend requests by nickname, as REWIND's legacy `mutual_users` frames name them; nicknames are
// compared case-insensitively.

/** Served by chat; called by the legacy REWIND adapter: accepts the pending request from `nickname`. */
export const acceptFriendRequestFrom = defineRequest({
  subject: 'chat.friend_request.accept_from',
  access: 'user',
  request: z.object({ nickname: z.string().max(200) }),
  reply: z.object({ friend: ChatUser }),
  errors: ['friend_request_not_found'],
});

/**
 * Served by chat; called by the legacy REWIND adapter: withdraws the caller's request to
 * `nickname`, or else declines theirs.
 */
export const withdrawFriendRequestWith = defineRequest({
  subject: 'chat.friend_request.withdraw',
  access: 'user',
  request: z.object({ nickname: z.string().max(200) }),
  reply: z.object({}),
  errors: ['friend_request_not_found'],
});

/** Served by chat; called by the legacy REWIND adapter: ends the friendship with `nickname`. */
export const removeFriendNamed = defineRequest({
  subject: 'chat.friend.remove_named',
  access: 'user',
  request: z.object({ nickname: z.string().max(200) }),
  reply: z.object({}),
  errors: ['user_not_found'],
});

/** Served by chat; the users the caller blocked. */
export const listBlocks = defineRequest({
  subject: 'chat.block.list',
  access: 'user',
  request: z.object({}),
  reply: z.array(ChatUser),
  http: {
    method: 'GET',
    path: '/api/v1/chat/blocks',
    tags,
    summary: 'Blocked users',
    description: 'The users the caller blocked.',
  },
  socket: { event: 'friends:block:list' },
});

/**
 * Served by chat; blocks a user: ends the friendship and pending requests between the two, and
 * the blocked user can no longer request friendship with or message the caller directly. Idempotent.
 */
export const blockUser = defineRequest({
  subject: 'chat.block.add',
  access: 'user',
  request: z.object({ userId: Id }),
  reply: z.object({}),
  errors: ['user_not_found', 'cannot_befriend_self'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/blocks/:userId',
    tags,
    summary: 'Block a user',
    description:
      'Ends the friendship and pending requests between the two; the blocked user can no longer ask the caller to be friends or message them directly. Idempotent.',
    example: { userId: '7269113839640576001' },
  },
  socket: { event: 'friends:block' },
});

/** Served by chat; lifts a block. Idempotent. */
export const unblockUser = defineRequest({
  subject: 'chat.block.remove',
  access: 'user',
  request: z.object({ userId: Id }),
  reply: z.object({}),
  http: {
    method: 'DELETE',
    path: '/api/v1/chat/blocks/:userId',
    tags,
    summary: 'Unblock a user',
    description: 'Lifts a block. Idempotent.',
    example: { userId: '7269113839640576001' },
  },
  socket: { event: 'friends:unblock' },
});

export const friendsRequests = [
  listFriends,
  listFriendRequests,
  sendFriendRequest,
  acceptFriendRequest,
  declineFriendRequest,
  cancelFriendRequest,
  removeFriend,
  acceptFriendRequestFrom,
  withdrawFriendRequestWith,
  removeFriendNamed,
  listBlocks,
  blockUser,
  unblockUser,
];
