import { and, asc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { roomInvitations, roomMembers, rooms } from '../db/schema.ts';

export type RoomRow = typeof rooms.$inferSelect & { memberCount: number };
export type MemberRow = typeof roomMembers.$inferSelect;
export type InvitationRow = typeof roomInvitations.$inferSelect;
export type NewRoom = typeof rooms.$inferInsert;

export interface RoomListRow extends RoomRow {
  lastReadMessageId: string | null;
  unreadCount: number;
  peerId: string | null;
}

/** Unread counts stop here (clients show "999+"), so a long-unread room costs no more to list. */
export const UNREAD_CAP = 1000;

const memberCount = sql<number>`(select count(*)::int from ${roomMembers} m where m.room_id = ${rooms.id})`;

export function createRoomsRepository(db: Db) {
  async function roomById(roomId: string): Promise<RoomRow | undefined> {
    const [row] = await db.select({ room: rooms, memberCount }).from(rooms).where(eq(rooms.id, roomId));
    return row ? { ...row.room, memberCount: row.memberCount } : undefined;
  }

  async function member(roomId: string, userId: string): Promise<MemberRow | undefined> {
    const [row] = await db
      .select()
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
    return row;
  }

  // Built once: every new message asks it. One row holding an array, not a row per member: a
  // large room's list then costs one value to read instead of a thousand objects to collect.
  const memberIdsQuery = db
    .select({ ids: sql<string[]>`coalesce(array_agg(${roomMembers.userId}::text), '{}')` })
    .from(roomMembers)
    .where(eq(roomMembers.roomId, sql.placeholder('roomId')))
    .prepare('chat_member_ids');

  return {
    roomById,
    member,

    /** Every room the user is a member of, at most `limit`, most recently active first. */
    async roomIdsOf(userId: string, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: roomMembers.roomId })
        .from(roomMembers)
        .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
        .where(eq(roomMembers.userId, userId))
        .orderBy(sql`${rooms.lastMessageId} desc nulls last`)
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async memberIds(roomId: string): Promise<string[]> {
      const [row] = await memberIdsQuery.execute({ roomId });
      return row?.ids ?? [];
    },

    async members(roomId: string): Promise<MemberRow[]> {
      return db.select().from(roomMembers).where(eq(roomMembers.roomId, roomId)).orderBy(asc(roomMembers.joinedAt));
    },

    /** The user's rooms, most recently active first, with what they have not read. */
    async roomsOf(userId: string): Promise<RoomListRow[]> {
      const rows = await db.execute<{
        id: string;
        last_read_message_id: string | null;
        unread_count: number;
        peer_id: string | null;
        member_count: number;
      }>(sql`
        select r.id, me.last_read_message_id,
          (select count(*)::int from (select 1 from chat.messages msg
            where msg.room_id = r.id and msg.id > coalesce(me.last_read_message_id, 0)
              and msg.deleted_at is null and msg.author_id is distinct from ${userId}
            limit ${UNREAD_CAP}) unread) as unread_count,
          (select other.user_id from chat.room_members other
            where r.kind = 'direct' and other.room_id = r.id and other.user_id <> ${userId} limit 1) as peer_id,
          (select count(*)::int from chat.room_members m where m.room_id = r.id) as member_count
        from chat.room_members me join chat.rooms r on r.id = me.room_id
        where me.user_id = ${userId}
        order by coalesce(r.last_message_id, r.id) desc
        limit 1000`);
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return [];
      const full = await db.select().from(rooms).where(inArray(rooms.id, ids));
      const byId = new Map(full.map((r) => [r.id, r]));
      return rows.map((r) => ({
        ...(byId.get(r.id) as typeof rooms.$inferSelect),
        memberCount: r.member_count,
        lastReadMessageId: r.last_read_message_id === null ? null : String(r.last_read_message_id),
        unreadCount: r.unread_count,
        peerId: r.peer_id === null ? null : String(r.peer_id),
      }));
    },

    async insertRoom(room: NewRoom, members: { userId: string; role: 'owner' | 'member' }[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(rooms).values(room);
        if (members.length) await tx.insert(roomMembers).values(members.map((m) => ({ ...m, roomId: room.id })));
      });
    },

    /** The pair's direct room, if they have one. */
    async directRoom(directKey: string): Promise<RoomRow | undefined> {
      const [row] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.directKey, directKey));
      return row ? roomById(row.id) : undefined;
    },

    /** The pair's direct room, created with both as members when there is none yet. */
    async findOrCreateDirect(directKey: string, newId: string, userIds: [string, string]): Promise<RoomRow> {
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(rooms)
          .values({ id: newId, kind: 'direct', directKey })
          .onConflictDoNothing()
          .returning({ id: rooms.id });
        if (created)
          await tx
            .insert(roomMembers)
            .values(userIds.map((userId) => ({ roomId: newId, userId, role: 'member' as const })));
      });
      const [row] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.directKey, directKey));
      return (await roomById(row!.id))!;
    },

    async updateRoom(roomId: string, patch: Partial<NewRoom>): Promise<void> {
      if (Object.keys(patch).length) await db.update(rooms).set(patch).where(eq(rooms.id, roomId));
    },

    /** True when the user was not a member before. */
    async addMember(roomId: string, userId: string, role: 'owner' | 'member' = 'member'): Promise<boolean> {
      const rows = await db
        .insert(roomMembers)
        .values({ roomId, userId, role })
        .onConflictDoNothing()
        .returning({ userId: roomMembers.userId });
      return rows.length > 0;
    },

    async removeMember(roomId: string, userId: string): Promise<MemberRow | undefined> {
      const [row] = await db
        .delete(roomMembers)
        .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)))
        .returning();
      return row;
    },

    /** Makes `newOwnerId` the owner and the previous owner (if any) a member, at once. */
    async setOwner(roomId: string, newOwnerId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(roomMembers)
          .set({ role: 'member' })
          .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.role, 'owner')));
        await tx
          .update(roomMembers)
          .set({ role: 'owner' })
          .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, newOwnerId)));
        await tx.update(rooms).set({ ownerId: newOwnerId }).where(eq(rooms.id, roomId));
      });
    },

    async longestMember(roomId: string, except: string): Promise<MemberRow | undefined> {
      const [row] = await db
        .select()
        .from(roomMembers)
        .where(and(eq(roomMembers.roomId, roomId), ne(roomMembers.userId, except)))
        .orderBy(asc(roomMembers.joinedAt))
        .limit(1);
      return row;
    },

    /** The group and open rooms the user belongs to. */
    async sharedRoomsOf(userId: string): Promise<string[]> {
      const rows = await db
        .select({ id: roomMembers.roomId })
        .from(roomMembers)
        .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
        .where(and(eq(roomMembers.userId, userId), ne(rooms.kind, 'direct')));
      return rows.map((r) => r.id);
    },

    async deleteInvitationsOf(userId: string): Promise<void> {
      await db
        .delete(roomInvitations)
        .where(or(eq(roomInvitations.inviteeId, userId), eq(roomInvitations.inviterId, userId)));
    },

    async deleteRoom(roomId: string): Promise<void> {
      await db.delete(rooms).where(eq(rooms.id, roomId));
    },

    /** Deletes open rooms closed before `before` (their members and messages go with them). */
    async deleteClosedOpenRooms(before: Date, limit: number): Promise<string[]> {
      const rows = await db.execute<{ id: string }>(sql`
        delete from chat.rooms where id in (
          select id from chat.rooms where kind = 'open' and closes_at < ${before.toISOString()} limit ${limit}
        ) returning id`);
      return rows.map((r) => String(r.id));
    },

    /** Creates the invitation or returns the pending one. */
    async createInvitation(row: typeof roomInvitations.$inferInsert): Promise<InvitationRow> {
      const [inserted] = await db.insert(roomInvitations).values(row).onConflictDoNothing().returning();
      if (inserted) return inserted;
      const [existing] = await db
        .select()
        .from(roomInvitations)
        .where(and(eq(roomInvitations.roomId, row.roomId), eq(roomInvitations.inviteeId, row.inviteeId)));
      return existing!;
    },

    async invitationsOf(inviteeId: string): Promise<InvitationRow[]> {
      return db
        .select()
        .from(roomInvitations)
        .where(eq(roomInvitations.inviteeId, inviteeId))
        .orderBy(asc(roomInvitations.id));
    },

    /** Removes the invitation; with `join`, the invitee becomes a member in the same transaction. */
    async takeInvitation(invitationId: string, inviteeId: string, join: boolean): Promise<InvitationRow | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .delete(roomInvitations)
          .where(and(eq(roomInvitations.id, invitationId), eq(roomInvitations.inviteeId, inviteeId)))
          .returning();
        if (row && join)
          await tx.insert(roomMembers).values({ roomId: row.roomId, userId: inviteeId }).onConflictDoNothing();
        return row;
      });
    },

    async deleteInvitationsBefore(before: Date): Promise<number> {
      const rows = await db
        .delete(roomInvitations)
        .where(lt(roomInvitations.createdAt, before))
        .returning({ id: roomInvitations.id });
      return rows.length;
    },
  };
}

export type RoomsRepository = ReturnType<typeof createRoomsRepository>;
