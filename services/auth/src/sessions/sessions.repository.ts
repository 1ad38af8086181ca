import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { refreshTokens, sessions } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionsRepository(db: Db) {
  const liveSession = (now: Date) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now));
  return {
    async create(s: {
      id: string;
      userId: string;
      expiresAt: Date;
      userAgent: string | null;
      ip: string | null;
      refreshHash: string;
    }): Promise<SessionRow> {
      const [row] = await db
        .insert(sessions)
        .values({ id: s.id, userId: s.userId, expiresAt: s.expiresAt, userAgent: s.userAgent, ip: s.ip })
        .returning();
      await db.insert(refreshTokens).values({ tokenHash: s.refreshHash, sessionId: s.id, expiresAt: s.expiresAt });
      return row!;
    },

    /** The refresh token and its session, locked until the transaction ends (rotation is serial). */
    async refreshForUpdate(tokenHash: string) {
      const [row] = await db
        .select({ token: refreshTokens, session: sessions })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, tokenHash))
        .for('update');
      return row;
    },

    /** The session a refresh token (used or not) belongs to. */
    sessionOfRefresh: async (tokenHash: string): Promise<string | undefined> =>
      (
        await db
          .select({ sessionId: refreshTokens.sessionId })
          .from(refreshTokens)
          .where(eq(refreshTokens.tokenHash, tokenHash))
      )[0]?.sessionId,

    /**
     * Marks the old token used (keeping what replaced it, sealed), stores its successor and slides
     * the session's expiry.
     */
    async rotate(
      sessionId: string,
      rotation: { oldHash: string; newHash: string; successorSealed: string },
      expiresAt: Date,
      now: Date,
    ): Promise<SessionRow> {
      const { oldHash, newHash, successorSealed } = rotation;
      await db.update(refreshTokens).set({ usedAt: now, successorSealed }).where(eq(refreshTokens.tokenHash, oldHash));
      await db.insert(refreshTokens).values({ tokenHash: newHash, sessionId, expiresAt });
      const [row] = await db
        .update(sessions)
        .set({ lastUsedAt: now, expiresAt })
        .where(eq(sessions.id, sessionId))
        .returning();
      return row!;
    },

    byId: async (id: string) => (await db.select().from(sessions).where(eq(sessions.id, id)))[0],

    listLive: (userId: string, now: Date) =>
      db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), liveSession(now)))
        .orderBy(desc(sessions.lastUsedAt)),

    /** Revokes live sessions matching `where`; returns the ones it revoked. */
    async revokeWhere(where: ReturnType<typeof and>, reason: string, now: Date): Promise<SessionRow[]> {
      return db
        .update(sessions)
        .set({ revokedAt: now, revokeReason: reason })
        .where(and(where, liveSession(now)))
        .returning();
    },

    revoke(id: string, reason: string, now: Date) {
      return this.revokeWhere(eq(sessions.id, id), reason, now);
    },

    revokeAllOf(userId: string, reason: string, now: Date, exceptSessionId?: string) {
      return this.revokeWhere(
        and(eq(sessions.userId, userId), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined),
        reason,
        now,
      );
    },

    /** Sessions revoked after `since`, with when. */
    revokedSince: (since: Date) =>
      db.select({ id: sessions.id, revokedAt: sessions.revokedAt }).from(sessions).where(gt(sessions.revokedAt, since)),

    /** Sessions that ended (expired, or revoked before `revokedBefore`) go, with their tokens. */
    async purge(now: Date, revokedBefore: Date): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, revokedBefore)))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
