import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { ChatDb } from '../db/chat-database.ts';
import { messages, roomMembers, rooms } from '../db/schema.ts';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

export function createMessagesRepository(db: ChatDb) {
  async function byClientMsgId(roomId: string, authorId: string, clientMsgId: string): Promise<MessageRow | undefined> {
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.roomId, roomId), eq(messages.authorId, authorId), eq(messages.clientMsgId, clientMsgId)));
    return row;
  }

  return {
    byClientMsgId,

    async byId(roomId: string, messageId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.id, messageId), eq(messages.roomId, roomId)));
      return row;
    },

    /**
     * Stores a message, moves the room's last message and the author's read pointer to it, in one
     * transaction. A message with the same client id already stored is returned instead.
     */
    async insert(row: NewMessage & { authorId: string }): Promise<{ message: MessageRow; created: boolean }> {
      const inserted = await db.transaction(async (tx) => {
        const [message] = await tx.insert(messages).values(row).onConflictDoNothing().returning();
        if (!message) return undefined;
        await tx
          .update(rooms)
          .set({ lastMessageId: sql`greatest(coalesce(${rooms.lastMessageId}, 0), ${message.id})` })
          .where(eq(rooms.id, row.roomId));
        await tx
          .update(roomMembers)
          .set({
            lastReadMessageId: sql`greatest(coalesce(${roomMembers.lastReadMessageId}, 0), ${message.id})`,
            readAt: new Date(),
          })
          .where(and(eq(roomMembers.roomId, row.roomId), eq(roomMembers.userId, row.authorId)));
        return message;
      });
      if (inserted) return { message: inserted, created: true };
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
