import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { ChatUser, ClientMsgId, ExternalImageUrl, Message, MessageText, Page, ReadReceipt } from './chat-models.ts';

const tags = ['chat: messages'];
const memberErrors = ['room_not_found', 'not_a_member'] as const;

/**
 * Served by chat; a room's history, newest first, strictly older than `before` (a message id);
 * `nextCursor` is the `before` of the next page, null at the start of the room; `users` are the
 * page's authors. Members only.
 */
export const listMessages = defineRequest({
  subject: 'chat.message.list',
  access: 'user',
  request: z.object({
    roomId: Id,
    before: Id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
  reply: Page(Message).extend({ users: z.array(ChatUser) }),
  errors: [...memberErrors],
  http: {
    method: 'GET',
    path: '/api/v1/chat/rooms/:roomId/messages',
    raw: true,
    tags,
    summary: 'Message history',
    description:
      "A room's messages, newest first, strictly older than `before` (a message id); `nextCursor` is the `before` of the next page, null at the start of the room. `users` are the authors on the page. Members only.",
    example: { roomId: '7270023521350148096', limit: 50 },
  },
  socket: { event: 'chat:message:list' },
});

/**
 * Served by chat; posts a text or image message. An image is exactly one of `imageUploadId` (a
 * completed upload of the caller) or `imageUrl` (an image on the web, see `ExternalImageUrl`);
 * readers see either as the message's `imageUrl`. Members hear `chat:message:created`, members
 * with no connected socket get a push. Idempotent on `clientMsgId`: a retry returns the message
 * the first try created. Limited per user and by the room's slow mode (`rate_limited` with
 * `details.retryAfterMs`). Nobody posts into a direct room across a block: the blocker gets
 * `user_blocked`, the blocked user `user_not_found`.
 */
export const sendMessage = defineRequest({
  subject: 'chat.message.send',
  access: 'user',
  request: z.discriminatedUnion('kind', [
    z.object({ roomId: Id, clientMsgId: ClientMsgId, kind: z.literal('text').default('text'), text: MessageText }),
    z
      .object({
        roomId: Id,
        clientMsgId: ClientMsgId,
        kind: z.literal('image'),
        imageUploadId: Id.optional(),
        imageUrl: ExternalImageUrl.optional(),
        text: MessageText.optional(),
      })
      .refine((m) => (m.imageUploadId === undefined) !== (m.imageUrl === undefined), {
        message: 'an image is exactly one of imageUploadId or imageUrl',
        path: ['imageUrl'],
      }),
  ]),
  reply: Message,
  errors: [
    ...memberErrors,
    'rate_limited',
    'room_expired',
    'room_not_open',
    'upload_not_found',
    'user_blocked',
    'user_not_found',
  ],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/messages',
    status: 201,
    tags,
    summary: 'Send a message',
    description:
      "Posts a text message, or an image (`imageUploadId` of a completed chat upload, or `imageUrl` of an image on the web) with an optional caption. Members hear `chat:message:created`; members with no socket connected get a push. `clientMsgId` makes a retry return the message the first try created. Limited per user and by the room's slow mode (`rate_limited`). Nobody posts into a direct room across a block: the blocker gets `user_blocked`, the blocked user `user_not_found`.",
    example: {
      roomId: '7270023521350148096',
      clientMsgId: 'b7c1e0f4-3c55-4a8e-9d1e-0f6c2a7b9e11',
      text: 'See you at eight?',
    },
  },
  socket: { event: 'chat:message:send' },
});

/** Served by chat; the author changes a message's text; members hear `chat:message:updated`. */
export const editMessage = defineRequest({
  subject: 'chat.message.edit',
  access: 'user',
  request: z.object({ roomId: Id, messageId: Id, text: MessageText }),
  reply: Message,
  errors: [...memberErrors, 'message_not_found', 'not_message_author'],
  http: {
    method: 'PATCH',
    path: '/api/v1/chat/rooms/:roomId/messages/:messageId',
    tags,
    summary: 'Edit a message',
    description: "The author changes a message's text; members hear `chat:message:updated`.",
    example: { roomId: '7270023521350148096', messageId: '7270040012254396416', text: 'See you at nine?' },
  },
  socket: { event: 'chat:message:edit' },
});

/** Served by chat; the author deletes a message (it keeps its id, loses its content). Idempotent. */
export const deleteMessage = defineRequest({
  subject: 'chat.message.delete',
  access: 'user',
  request: z.object({ roomId: Id, messageId: Id }),
  reply: Message,
  errors: [...memberErrors, 'message_not_found', 'not_message_author'],
  http: {
    method: 'DELETE',
    path: '/api/v1/chat/rooms/:roomId/messages/:messageId',
    tags,
    summary: 'Delete a message',
    description:
      'The author deletes a message: it keeps its id and times, loses its content; members hear `chat:message:deleted`. Idempotent.',
    example: { roomId: '7270023521350148096', messageId: '7270040012254396416' },
  },
  socket: { event: 'chat:message:delete' },
});

/**
 * Served by chat; moves the caller's read pointer forward to `messageId` (never back). Members
 * hear `chat:read` unless the caller turned read receipts off; the caller's own sockets always do.
 */
export const markRead = defineRequest({
  subject: 'chat.read.mark',
  access: 'user',
  request: z.object({ roomId: Id, messageId: Id }),
  reply: z.object({ roomId: Id, lastReadMessageId: Id.nullable(), unreadCount: z.number().int().min(0) }),
  errors: [...memberErrors, 'message_not_found'],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/read',
    tags,
    summary: 'Mark read up to a message',
    description:
      "Moves the caller's read pointer forward to this message (never back) and answers the room's unread count. Members hear `chat:read` unless the caller turned read receipts off.",
    example: { roomId: '7270023521350148096', messageId: '7270040012254396416' },
  },
  socket: { event: 'chat:read:mark' },
});

/** Served by chat; how far each member who shares read receipts has read. */
export const listReadReceipts = defineRequest({
  subject: 'chat.read.list',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: z.array(ReadReceipt),
  errors: [...memberErrors],
  http: {
    method: 'GET',
    path: '/api/v1/chat/rooms/:roomId/reads',
    tags,
    summary: 'Read receipts of a room',
    description: 'How far each member who shares read receipts has read.',
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:read:list' },
});

/** Served by chat; tells the other members the caller is typing (`chat:typing`). Nothing is stored. */
export const sendTyping = defineRequest({
  subject: 'chat.typing.send',
  access: 'user',
  request: z.object({ roomId: Id }),
  reply: z.object({}),
  errors: [...memberErrors],
  http: {
    method: 'POST',
    path: '/api/v1/chat/rooms/:roomId/typing',
    status: 202,
    tags,
    summary: 'Say I am typing',
    description:
      'Tells the other members the caller is typing (`chat:typing`, shown for a few seconds). Nothing is stored.',
    example: { roomId: '7270023521350148096' },
  },
  socket: { event: 'chat:typing:start' },
});

export const messagesRequests = [
  listMessages,
  sendMessage,
  editMessage,
  deleteMessage,
  markRead,
  listReadReceipts,
  sendTyping,
];
