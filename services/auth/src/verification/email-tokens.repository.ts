import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { emailTokens } from '../db/schema.ts';

export type EmailTokenRow = typeof emailTokens.$inferSelect;

export function createEmailTokensRepository(db: Db) {
  return {
    async insert(t: typeof emailTokens.$inferInsert): Promise<void> {
      await db.insert(emailTokens).values(t);
    },

    /** Uses a live token once. */
    async consume(tokenHash: string, purpose: EmailTokenRow['purpose'], now: Date): Promise<EmailTokenRow | undefined> {
      const [row] = await db
        .update(emailTokens)
        .set({ consumedAt: now })
        .where(
          and(
            eq(emailTokens.tokenHash, tokenHash),
            eq(emailTokens.purpose, purpose),
            isNull(emailTokens.consumedAt),
            gt(emailTokens.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },

    async purge(now: Date): Promise<number> {
      const rows = await db
        .delete(emailTokens)
        .where(lt(emailTokens.expiresAt, now))
        .returning({ h: emailTokens.tokenHash });
      return rows.length;
    },
  };
}
export type EmailTokensRepository = ReturnType<typeof createEmailTokensRepository>;
