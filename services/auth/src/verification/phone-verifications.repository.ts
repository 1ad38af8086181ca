import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { phoneVerifications } from '../db/schema.ts';

export type PhoneVerificationRow = typeof phoneVerifications.$inferSelect;

export function createPhoneVerificationsRepository(db: Db) {
  return {
    async insert(v: typeof phoneVerifications.$inferInsert): Promise<PhoneVerificationRow> {
      const [row] = await db.insert(phoneVerifications).values(v).returning();
      return row!;
    },

    byId: async (id: string) => (await db.select().from(phoneVerifications).where(eq(phoneVerifications.id, id)))[0],

    /** Counts one try unless `max` were made (then undefined); returns the tries made so far. */
    async countAttempt(id: string, max: number): Promise<number | undefined> {
      const [row] = await db
        .update(phoneVerifications)
        .set({ attempts: sql`${phoneVerifications.attempts} + 1` })
        .where(and(eq(phoneVerifications.id, id), lt(phoneVerifications.attempts, max)))
        .returning({ attempts: phoneVerifications.attempts });
      return row?.attempts;
    },

    async markVerified(id: string, at: Date, until: Date): Promise<void> {
      await db
        .update(phoneVerifications)
        .set({ verifiedAt: at, expiresAt: until })
        .where(eq(phoneVerifications.id, id));
    },

    /** Uses a verified verification once; false when it was used, expired or never verified. */
    async consume(
      id: string,
      purpose: PhoneVerificationRow['purpose'],
      now: Date,
    ): Promise<PhoneVerificationRow | undefined> {
      const [row] = await db
        .update(phoneVerifications)
        .set({ consumedAt: now })
        .where(
          and(
            eq(phoneVerifications.id, id),
            eq(phoneVerifications.purpose, purpose),
            isNull(phoneVerifications.consumedAt),
            sql`${phoneVerifications.verifiedAt} is not null`,
            gt(phoneVerifications.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },

    async purge(now: Date): Promise<number> {
      const rows = await db
        .delete(phoneVerifications)
        .where(lt(phoneVerifications.expiresAt, now))
        .returning({ id: phoneVerifications.id });
      return rows.length;
    },
  };
}
export type PhoneVerificationsRepository = ReturnType<typeof createPhoneVerificationsRepository>;
