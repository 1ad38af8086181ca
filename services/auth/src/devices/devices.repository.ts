import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { devices, sessions } from '../db/schema.ts';

export type DeviceRow = typeof devices.$inferSelect;

export function createDevicesRepository(db: Db) {
  return {
    /** A token belongs to one session: registering it again moves it. */
    async upsert(d: {
      token: string;
      userId: string;
      sessionId: string;
      platform: DeviceRow['platform'];
    }): Promise<DeviceRow> {
      const [row] = await db
        .insert(devices)
        .values(d)
        .onConflictDoUpdate({
          target: devices.token,
          set: { userId: d.userId, sessionId: d.sessionId, platform: d.platform, createdAt: new Date() },
        })
        .returning();
      return row!;
    },

    async removeOwn(userId: string, token: string): Promise<boolean> {
      const rows = await db
        .delete(devices)
        .where(and(eq(devices.userId, userId), eq(devices.token, token)))
        .returning({ token: devices.token });
      return rows.length > 0;
    },

    async removeTokens(tokens: string[]): Promise<number> {
      const rows = await db.delete(devices).where(inArray(devices.token, tokens)).returning({ token: devices.token });
      return rows.length;
    },

    async removeForSessions(sessionIds: string[]): Promise<void> {
      if (sessionIds.length) await db.delete(devices).where(inArray(devices.sessionId, sessionIds));
    },

    /** Push tokens of the users' sessions that are not revoked. */
    ofUsers: (userIds: string[]) =>
      db
        .select({ userId: devices.userId, token: devices.token, platform: devices.platform })
        .from(devices)
        .innerJoin(sessions, eq(sessions.id, devices.sessionId))
        .where(and(inArray(devices.userId, userIds), isNull(sessions.revokedAt))),
  };
}
export type DevicesRepository = ReturnType<typeof createDevicesRepository>;
