import { z } from 'zod';
import { PublicUser } from '../auth/schemas.ts';
import { Id, Timestamp } from '../ids.ts';

/** Where a message text ends: 1–4000 characters after trimming. */
export const MESSAGE_TEXT_MAX = 4000;

/** A user as chat shows them to others (auth's public view). */
export const ChatUser = PublicUser;
export type ChatUser = z.infer<typeof ChatUser>;

/** A friend, with whether they have a socket connected anywhere right now. */
export const Friend = ChatUser.extend({ online: z.boolean(), since: Timestamp });
export type Friend = z.infer<typeof Friend>;

export const FriendRequest = z.object({
  id: Id,
  from: ChatUser,
  to: ChatUser,
  createdAt: Timestamp,
});
export type FriendRequest = z.infer<typeof FriendRequest>;

export const RoomKind = z.enum(['direct', 'group', 'open']);
export type RoomKind = z.infer<typeof RoomKind>;

export const MemberRole = z.enum(['owner', 'member']);

export const Room = z.object({
  id: Id,
  kind: RoomKind,
  /** Null for direct rooms (clients show the other member). */
  name: z.string().nullable(),
  ownerId: Id.nullable(),
  /** Open rooms only: before `opensAt` joining is `room_not_open`, after `closesAt` `room_expired`. */
  opensAt: Timestamp.nullable(),
  closesAt: Timestamp.nullable(),
  /** Seconds a member waits between two messages; 0 is off. */
  slowModeSeconds: z.number().int().min(0),
  memberCount: z.number().int().min(0),
  lastMessageId: Id.nullable(),
  createdAt: Timestamp,
});
export type Room = z.infer<typeof Room>;

/** A room as one member sees it in their list. */
export const RoomSummary = Room.extend({
  /** Messages from others after the read pointer, counted up to 1000. */
  unreadCount: z.number().int().min(0),
  lastReadMessageId: Id.nullable(),
  /** Direct rooms: the other member. */
  peer: ChatUser.nullable(),
});
export type RoomSummary = z.infer<typeof RoomSummary>;

export const ChatMember = ChatUser.extend({
  role: MemberRole,
  joinedAt: Timestamp,
  online: z.boolean(),
});
export type ChatMember = z.infer<typeof ChatMember>;

export const Invitation = z.object({
  id: Id,
  room: Room,
  invitedBy: ChatUser,
  createdAt: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

export const MessageKind = z.enum(['text', 'image', 'system']);
export type MessageKind = z.infer<typeof MessageKind>;

/** A message; a deleted one keeps its id and times with no content. */
export const Message = z.object({
  id: Id,
  roomId: Id,
  authorId: Id.nullable(),
  kind: MessageKind,
  text: z.string().nullable(),
  imageUploadId: Id.nullable(),
  imageUrl: z.string().nullable(),
  clientMsgId: z.string().nullable(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  deletedAt: Timestamp.nullable(),
});
export type Message = z.infer<typeof Message>;

/** Where a member has read up to (shown only for members who share read receipts). */
export const ReadReceipt = z.object({ roomId: Id, userId: Id, messageId: Id, readAt: Timestamp });
export type ReadReceipt = z.infer<typeof ReadReceipt>;

export const ChatSettings = z.object({ readReceipts: z.boolean() });
export type ChatSettings = z.infer<typeof ChatSettings>;

/** A page of a list, newest first where it is history: `{data, nextCursor}`. */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const MessageText = z
  .string()
  .trim()
  .min(1, 'text is empty')
  .max(MESSAGE_TEXT_MAX, `text is longer than ${MESSAGE_TEXT_MAX} characters`);

/** Where an image URL of a message ends. */
export const IMAGE_URL_MAX = 2048;

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An image on the web a message shows (the legacy `imageUrl`): an absolute `https:` or `http:`
 * URL of at most 2,048 characters; any other scheme (`javascript:`, `data:` …) is refused.
 */
export const ExternalImageUrl = z
  .string()
  .max(IMAGE_URL_MAX, `the image URL is longer than ${IMAGE_URL_MAX} characters`)
  .refine(isWebUrl, 'the image URL must be an absolute https: or http: URL')
  .meta({ format: 'uri' });

/** The author's idempotency key for a send. */
export const ClientMsgId = z.string().min(1).max(100);
