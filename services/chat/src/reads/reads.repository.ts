import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { roomMembers, userSettings } from '../db/schema.ts';
import { UNREAD_CAP } from '../rooms/index.ts';

export function createReadsRepository(db: Db) {
  return {
    /** Moves the pointer forward only; returns where it is now. */
    async advance(roomId: string, userId: string, messageId: string, at: Date) {
      const [row] = await db
        .update(roomMembers)
        .set({
          lastReadMessageId: sql`greatest(coalesce(${roomMembers.lastReadMessageId}, 0), ${messageId})`,
          readAt: at,
        })
        .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)))
        .returning({ lastReadMessageId: roomMembers.lastReadMessageId, readAt: roomMembers.readAt });
      return row;
    },

    async unreadCount(roomId: string, userId: string): Promise<number> {
      const [row] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from (select 1 from chat.messages msg
        join chat.room_members me on me.room_id = msg.room_id and me.user_id = ${userId}
        where msg.room_id = ${roomId} and msg.id > coalesce(me.last_read_message_id, 0)
          and msg.deleted_at is null and msg.author_id is distinct from ${userId}
        limit ${UNREAD_CAP}) unread`);
      return row?.n ?? 0;
    },

    /** Read pointers of the room's members who share read receipts. */
    async receipts(roomId: string): Promise<{ userId: string; messageId: string; readAt: Date }[]> {
      const rows = await db.execute<{ user_id: string; message_id: string; read_at: Date | string }>(sql`
        select me.user_id, me.last_read_message_id as message_id, me.read_at
        from chat.room_members me left join chat.user_settings s on s.user_id = me.user_id
        where me.room_id = ${roomId} and me.last_read_message_id is not null
          and coalesce(s.read_receipts, true)
        order by me.joined_at`);
      return rows.map((r) => ({
        userId: String(r.user_id),
        messageId: String(r.message_id),
        readAt: new Date(r.read_at),
      }));
    },

    async settings(userId: string): Promise<{ readReceipts: boolean }> {
      const [row] = await db
        .select({ readReceipts: userSettings.readReceipts })
        .from(userSettings)
        .where(eq(userSettings.userId, userId));
      return row ?? { readReceipts: true };
    },

    async saveSettings(userId: string, settings: { readReceipts: boolean }): Promise<void> {
      await db
        .insert(userSettings)
        .values({ userId, ...settings })
        .onConflictDoUpdate({ target: userSettings.userId, set: { ...settings, updatedAt: new Date() } });
    },
  };
}

export type ReadsRepository = ReturnType<typeof createReadsRepository>;
