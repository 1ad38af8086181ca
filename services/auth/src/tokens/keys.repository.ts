import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { signingKeys } from '../db/schema.ts';

export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type NewSigningKey = typeof signingKeys.$inferInsert;

export function createKeysRepository(db: Db) {
  return {
    all: (): Promise<SigningKeyRow[]> => db.select().from(signingKeys),

    insert: async (key: NewSigningKey): Promise<void> => {
      await db.insert(signingKeys).values(key);
    },

    /** Inserts `make()` unless a key exists; replicas starting together create one key between them. */
    insertIfNone: (make: () => Promise<NewSigningKey>): Promise<boolean> =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('auth:signing-keys'))`);
        const [any] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).limit(1);
        if (any) return false;
        await tx.insert(signingKeys).values(await make());
        return true;
      }),

    remove: async (kids: string[]): Promise<void> => {
      if (kids.length === 0) return;
      await db.delete(signingKeys).where(sql`${signingKeys.kid} in ${kids}`);
    },
  };
}
export type KeysRepository = ReturnType<typeof createKeysRepository>;
