import { uploadsTable } from '@seed/runtime/uploads';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const chat = pgSchema('chat');

/** A snowflake: `bigint` in PostgreSQL, a decimal string in TypeScript (as on the wire). */
const snowflake = customType<{ data: string; driverData: string }>({
  dataType: () => 'bigint',
  fromDriver: (value) => String(value),
});
const id = (name: string) => snowflake(name);
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per direction: a friendship of A and B is (A, B) and (B, A). */
export const friendships = chat.table(
  'friendships',
  {
    userId: id('user_id').notNull(),
    friendId: id('friend_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.friendId] })],
);

/** Pending requests only: accepting, declining or cancelling removes the row. */
export const friendRequests = chat.table(
  'friend_requests',
  {
    id: id('id').primaryKey(),
    fromUserId: id('from_user_id').notNull(),
    toUserId: id('to_user_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('friend_requests_pair').on(t.fromUserId, t.toUserId), index('friend_requests_to').on(t.toUserId)],
);

export const blocks = chat.table(
  'blocks',
  {
    blockerId: id('blocker_id').notNull(),
    blockedId: id('blocked_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index('blocks_blocked').on(t.blockedId)],
);

export const rooms = chat.table(
  'rooms',
  {
    id: id('id').primaryKey(),
    kind: text('kind', { enum: ['direct', 'group', 'open'] }).notNull(),
    name: text('name'),
    ownerId: id('owner_id'),
    /** Direct rooms: `<lower id>:<higher id>`, so a pair has one room. */
    directKey: text('direct_key'),
    opensAt: at('opens_at'),
    closesAt: at('closes_at'),
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    lastMessageId: id('last_message_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rooms_direct_key').on(t.directKey),
    index('rooms_closes_at').on(t.closesAt).where(sql`${t.kind} = 'open'`),
    check('rooms_kind', sql`${t.kind} in ('direct', 'group', 'open')`),
  ],
);

export const roomMembers = chat.table(
  'room_members',
  {
    roomId: id('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: id('user_id').notNull(),
    role: text('role', { enum: ['owner', 'member'] })
      .notNull()
      .default('member'),
    lastReadMessageId: id('last_read_message_id'),
    readAt: at('read_at'),
    joinedAt: at('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user').on(t.userId)],
);

export const roomInvitations = chat.table(
  'room_invitations',
  {
    id: id('id').primaryKey(),
    roomId: id('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    inviterId: id('inviter_id').notNull(),
    inviteeId: id('invitee_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('room_invitations_pair').on(t.roomId, t.inviteeId),
    index('room_invitations_invitee').on(t.inviteeId),
  ],
);

export const messages = chat.table(
  'messages',
  {
    id: id('id').primaryKey(),
    roomId: id('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorId: id('author_id'),
    kind: text('kind', { enum: ['text', 'image', 'system'] }).notNull(),
    text: text('text'),
    imageUploadId: id('image_upload_id'),
    /** An image on the web (an absolute http(s) URL), for images that are not uploads. */
    imageUrl: text('image_url'),
    clientMsgId: text('client_msg_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    editedAt: at('edited_at'),
    deletedAt: at('deleted_at'),
  },
  (t) => [
    index('messages_room_id').on(t.roomId, t.id),
    uniqueIndex('messages_client_msg_id').on(t.roomId, t.authorId, t.clientMsgId),
  ],
);

export const userSettings = chat.table('user_settings', {
  userId: id('user_id').primaryKey(),
  readReceipts: boolean('read_receipts').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Images for messages (the shared upload mechanism of @seed/runtime/uploads). */
export const uploads = uploadsTable(chat);

export const chatSchema = {
  friendships,
  friendRequests,
  blocks,
  rooms,
  roomMembers,
  roomInvitations,
  messages,
  userSettings,
};
