import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { messages, roomMembers, rooms } from '../db/schema.ts';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

export function createMessagesRepository(db: Db) {
  async function byClientMsgId(roomId: string, authorId: string, clientMsgId: string): Promise<MessageRow | undefined> {
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), eq(messages.authorId, authorId), eq(messages.clientMsgId, clientMsgId)));
    return row;
  }

  // Built once: the send path runs it for every message.
  const sendContextQuery = db
    .select({ room: rooms, member: roomMembers, retried: messages })
    .from(rooms)
    .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.userId, sql.placeholder('authorId'))))
    .leftJoin(
      messages,
      and(
        eq(messages.roomId, rooms.id),
        eq(messages.authorId, sql.placeholder('authorId')),
        eq(messages.clientMsgId, sql.placeholder('clientMsgId')),
      ),
    )
    .where(eq(rooms.id, sql.placeholder('roomId')))
    .prepare('chat_send_context');

  return {
    /**
     * What a send needs, in one round trip: the room, the author's membership, and a message the
     * author already stored there under the same client id.
     */
    async sendContext(roomId: string, authorId: string, clientMsgId: string) {
      const [row] = await sendContextQuery.execute({ roomId, authorId, clientMsgId });
      return row;
    },

    async byId(roomId: string, messageId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.id, messageId), eq(messages.roomId, roomId)));
      return row;
    },

    /**
     * Stores a message and moves the room's last message and the author's read pointer to it, as
     * one statement (one round trip, atomic). A message with the same client id already stored is
     * returned instead.
     */
    async insert(row: NewMessage & { authorId: string }): Promise<{ message: MessageRow; created: boolean }> {
      const stored = sql`exists (select 1 from inserted)`;
      const insertedId = sql`(select id from inserted)`;
      const inserted = db.$with('inserted').as(db.insert(messages).values(row).onConflictDoNothing().returning());
      const roomMoved = db.$with('room_moved').as(
        db
          .update(rooms)
          .set({ lastMessageId: sql`greatest(coalesce(${rooms.lastMessageId}, 0), ${insertedId})` })
          .where(and(eq(rooms.id, row.roomId), stored))
          .returning({ id: rooms.id }),
      );
      const authorRead = db.$with('author_read').as(
        db
          .update(roomMembers)
          .set({
            lastReadMessageId: sql`greatest(coalesce(${roomMembers.lastReadMessageId}, 0), ${insertedId})`,
            readAt: new Date(),
          })
          .where(and(eq(roomMembers.roomId, row.roomId), eq(roomMembers.userId, row.authorId), stored))
          .returning({ userId: roomMembers.userId }),
      );
      const [message] = await db.with(inserted, roomMoved, authorRead).select().from(inserted);
      if (message) return { message, created: true };
      const existing = await byClientMsgId(row.roomId, row.authorId, row.clientMsgId!);
      if (!existing) throw new Error('message vanished while being stored');
      return { message: existing, created: false };
    },

    /** Newest first, strictly older than `before`. */
    async page(roomId: string, before: string | undefined, limit: number): Promise<MessageRow[]> {
      return db
        .select()
        .from(messages)
        .where(and(eq(messages.roomId, roomId), before ? lt(messages.id, before) : undefined))
        .orderBy(desc(messages.id))
        .limit(limit);
    },

    async setText(messageId: string, text: string, editedAt: Date): Promise<MessageRow | undefined> {
      const [row] = await db
        .update(messages)
        .set({ text, editedAt })
        .where(and(eq(messages.id, messageId), isNull(messages.deletedAt)))
        .returning();
      return row;
    },

    async markDeleted(messageId: string, deletedAt: Date): Promise<MessageRow | undefined> {
      const [row] = await db
        .update(messages)
        .set({ text: null, imageUploadId: null, imageUrl: null, deletedAt })
        .where(eq(messages.id, messageId))
        .returning();
      return row;
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
