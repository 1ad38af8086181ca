import { z } from 'zod';
import { defineEvent, defineSocketEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { ChatUser, FriendRequest, Invitation, Message, ReadReceipt, Room, RoomKind } from './chat-models.ts';

const MessageChange = z.object({
  message: Message,
  /** The kind of the message's room (a legacy client names a direct room by its two members). */
  roomKind: RoomKind,
  /** The author as others see them; null for system messages. */
  author: ChatUser.nullable(),
  /** Every member of the room when it happened (the author included). */
  recipients: z.array(Id).max(100_000),
});
export type MessageChange = z.infer<typeof MessageChange>;

/**
 * Published by chat after a message is stored; every gateway replica shows it to its own clients of
 * the room (new API, legacy `/rooms` and REWIND), and chat itself pushes it to members who are away.
 */
export const messageCreated = defineEvent({ subject: 'chat.message.created', payload: MessageChange });
/** Published by chat after a message's text changed. */
export const messageUpdated = defineEvent({ subject: 'chat.message.updated', payload: MessageChange });
/** Published by chat after a message was deleted (its content is gone). */
export const messageDeleted = defineEvent({ subject: 'chat.message.deleted', payload: MessageChange });

export const FriendshipChange = z.object({
  change: z.enum(['requested', 'accepted', 'declined', 'cancelled', 'removed']),
  /** Who acted. */
  actor: ChatUser,
  /** Who it happened to. */
  target: ChatUser,
  requestId: Id.optional(),
});
export type FriendshipChange = z.infer<typeof FriendshipChange>;

/** Published by chat after friends or friend requests changed; read by the gateway's legacy REWIND adapter. */
export const friendshipChanged = defineEvent({ subject: 'chat.friendship.changed', payload: FriendshipChange });

export const chatEvents = [messageCreated, messageUpdated, messageDeleted, friendshipChanged];

// Server → client events of the new socket API on namespace `/`.

/** The socket room of a chat room: its members' sockets are in it (see `chat.socket.rooms`). */
export const chatSocketRoom = (roomId: string): string => `room:${roomId}`;

export const messageCreatedSocket = defineSocketEvent({ event: 'chat:message:created', payload: Message });
export const messageUpdatedSocket = defineSocketEvent({ event: 'chat:message:updated', payload: Message });
export const messageDeletedSocket = defineSocketEvent({ event: 'chat:message:deleted', payload: Message });

/** Someone joined, left, was kicked from, or became owner of a room. */
export const roomMembersSocket = defineSocketEvent({
  event: 'chat:room:members',
  payload: z.object({
    roomId: Id,
    change: z.enum(['joined', 'left', 'kicked', 'owner']),
    user: ChatUser,
  }),
});
export const roomUpdatedSocket = defineSocketEvent({ event: 'chat:room:updated', payload: Room });
export const invitationReceivedSocket = defineSocketEvent({ event: 'chat:invitation:received', payload: Invitation });
/** Ephemeral: a member is typing now; clients show it for a few seconds. */
export const typingSocket = defineSocketEvent({ event: 'chat:typing', payload: z.object({ roomId: Id, userId: Id }) });
export const readSocket = defineSocketEvent({ event: 'chat:read', payload: ReadReceipt });

export const friendRequestReceivedSocket = defineSocketEvent({
  event: 'friends:request:received',
  payload: FriendRequest,
});
export const friendRequestAcceptedSocket = defineSocketEvent({
  event: 'friends:request:accepted',
  payload: z.object({ requestId: Id, friend: ChatUser }),
});
export const friendRequestDeclinedSocket = defineSocketEvent({
  event: 'friends:request:declined',
  payload: z.object({ requestId: Id, user: ChatUser }),
});
export const friendRequestCancelledSocket = defineSocketEvent({
  event: 'friends:request:cancelled',
  payload: z.object({ requestId: Id, user: ChatUser }),
});
export const friendRemovedSocket = defineSocketEvent({ event: 'friends:removed', payload: z.object({ userId: Id }) });
/** To the blocker's own sockets: the block list changed. */
export const blocksChangedSocket = defineSocketEvent({
  event: 'friends:blocks:changed',
  payload: z.object({ userId: Id, blocked: z.boolean() }),
});

export const chatSocketEvents = [
  messageCreatedSocket,
  messageUpdatedSocket,
  messageDeletedSocket,
  roomMembersSocket,
  roomUpdatedSocket,
  invitationReceivedSocket,
  typingSocket,
  readSocket,
  friendRequestReceivedSocket,
  friendRequestAcceptedSocket,
  friendRequestDeclinedSocket,
  friendRequestCancelledSocket,
  friendRemovedSocket,
  blocksChangedSocket,
];
