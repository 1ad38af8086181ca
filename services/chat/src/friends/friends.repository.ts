import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { blocks, friendRequests, friendships } from '../db/schema.ts';

export interface FriendRequestRow {
  id: string;
  fromUserId: string;
  toUserId: string;
  createdAt: Date;
}

const pair = (a: string, b: string) =>
  or(
    and(eq(friendRequests.fromUserId, a), eq(friendRequests.toUserId, b)),
    and(eq(friendRequests.fromUserId, b), eq(friendRequests.toUserId, a)),
  );

export function createFriendsRepository(db: Db) {
  async function requestBetween(from: string, to: string): Promise<FriendRequestRow | undefined> {
    const [row] = await db
      .select()
      .from(friendRequests)
      .where(and(eq(friendRequests.fromUserId, from), eq(friendRequests.toUserId, to)));
    return row;
  }

  return {
    requestBetween,

    async friendsOf(userId: string): Promise<{ friendId: string; since: Date }[]> {
      const rows = await db
        .select({ friendId: friendships.friendId, since: friendships.createdAt })
        .from(friendships)
        .where(eq(friendships.userId, userId))
        .orderBy(friendships.createdAt);
      return rows;
    },

    async areFriends(a: string, b: string): Promise<boolean> {
      const [row] = await db
        .select({ one: sql`1` })
        .from(friendships)
        .where(and(eq(friendships.userId, a), eq(friendships.friendId, b)));
      return row !== undefined;
    },

    async requestsOf(userId: string): Promise<FriendRequestRow[]> {
      return db
        .select()
        .from(friendRequests)
        .where(or(eq(friendRequests.fromUserId, userId), eq(friendRequests.toUserId, userId)))
        .orderBy(friendRequests.id);
    },

    async requestById(id: string): Promise<FriendRequestRow | undefined> {
      const [row] = await db.select().from(friendRequests).where(eq(friendRequests.id, id));
      return row;
    },

    /** Inserts the request, or returns the one already pending from `from` to `to`. */
    async createRequest(row: FriendRequestRow): Promise<{ request: FriendRequestRow; created: boolean }> {
      const [inserted] = await db.insert(friendRequests).values(row).onConflictDoNothing().returning();
      if (inserted) return { request: inserted, created: true };
      const existing = await requestBetween(row.fromUserId, row.toUserId);
      if (!existing) throw new Error('friend request vanished while being created');
      return { request: existing, created: false };
    },

    /** Removes the request and makes the two friends, at once; false when the request was gone. */
    async acceptRequest(requestId: string, toUserId: string): Promise<FriendRequestRow | undefined> {
      return db.transaction(async (tx) => {
        const [request] = await tx
          .delete(friendRequests)
          .where(and(eq(friendRequests.id, requestId), eq(friendRequests.toUserId, toUserId)))
          .returning();
        if (!request) return undefined;
        await tx
          .insert(friendships)
          .values([
            { userId: request.fromUserId, friendId: request.toUserId },
            { userId: request.toUserId, friendId: request.fromUserId },
          ])
          .onConflictDoNothing();
        // A request the other way is moot now.
        await tx.delete(friendRequests).where(pair(request.fromUserId, request.toUserId));
        return request;
      });
    },

    /** Deletes a request that `userId` is on the given side of. */
    async deleteRequest(requestId: string, side: 'from' | 'to', userId: string): Promise<FriendRequestRow | undefined> {
      const owner = side === 'from' ? friendRequests.fromUserId : friendRequests.toUserId;
      const [row] = await db
        .delete(friendRequests)
        .where(and(eq(friendRequests.id, requestId), eq(owner, userId)))
        .returning();
      return row;
    },

    /** Ends a friendship both ways; true when there was one. */
    async removeFriendship(a: string, b: string): Promise<boolean> {
      const rows = await db
        .delete(friendships)
        .where(
          or(
            and(eq(friendships.userId, a), eq(friendships.friendId, b)),
            and(eq(friendships.userId, b), eq(friendships.friendId, a)),
          ),
        )
        .returning({ userId: friendships.userId });
      return rows.length > 0;
    },

    /** `blocker` blocks `blocked`: the friendship and requests between them end. */
    async block(blocker: string, blocked: string): Promise<{ wereFriends: boolean; requests: FriendRequestRow[] }> {
      return db.transaction(async (tx) => {
        await tx.insert(blocks).values({ blockerId: blocker, blockedId: blocked }).onConflictDoNothing();
        const ended = await tx
          .delete(friendships)
          .where(
            or(
              and(eq(friendships.userId, blocker), eq(friendships.friendId, blocked)),
              and(eq(friendships.userId, blocked), eq(friendships.friendId, blocker)),
            ),
          )
          .returning({ userId: friendships.userId });
        const requests = await tx.delete(friendRequests).where(pair(blocker, blocked)).returning();
        return { wereFriends: ended.length > 0, requests };
      });
    },

    async unblock(blocker: string, blocked: string): Promise<boolean> {
      const rows = await db
        .delete(blocks)
        .where(and(eq(blocks.blockerId, blocker), eq(blocks.blockedId, blocked)))
        .returning({ blockerId: blocks.blockerId });
      return rows.length > 0;
    },

    async hasBlocked(blocker: string, blocked: string): Promise<boolean> {
      const [row] = await db
        .select({ one: sql`1` })
        .from(blocks)
        .where(and(eq(blocks.blockerId, blocker), eq(blocks.blockedId, blocked)));
      return row !== undefined;
    },

    /** Forgets every friendship, request and block of a deleted user; returns their former friends. */
    async removeUser(userId: string): Promise<string[]> {
      return db.transaction(async (tx) => {
        const ended = await tx
          .delete(friendships)
          .where(or(eq(friendships.userId, userId), eq(friendships.friendId, userId)))
          .returning({ userId: friendships.userId });
        await tx
          .delete(friendRequests)
          .where(or(eq(friendRequests.fromUserId, userId), eq(friendRequests.toUserId, userId)));
        await tx.delete(blocks).where(or(eq(blocks.blockerId, userId), eq(blocks.blockedId, userId)));
        return ended.map((r) => r.userId).filter((id) => id !== userId);
      });
    },

    async blockedBy(blocker: string): Promise<string[]> {
      const rows = await db
        .select({ id: blocks.blockedId })
        .from(blocks)
        .where(eq(blocks.blockerId, blocker))
        .orderBy(blocks.createdAt);
      return rows.map((r) => r.id);
    },
  };
}

export type FriendsRepository = ReturnType<typeof createFriendsRepository>;
