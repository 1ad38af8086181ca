import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { uploads, users } from '../db/schema.ts';

/** Auth's reads of its uploads table as avatars; the upload flow itself is @seed/runtime/uploads. */
export function createAvatarsRepository(db: Db) {
  return {
    async upload(id: string) {
      const [row] = await db
        .select({ ownerId: uploads.ownerId, purpose: uploads.purpose, completedAt: uploads.completedAt })
        .from(uploads)
        .where(eq(uploads.id, id));
      return row;
    },

    /** Where the completed uploads among `ids` are stored. */
    objects: (ids: string[]) =>
      db
        .select({ id: uploads.id, objectKey: uploads.objectKey, contentType: uploads.contentType })
        .from(uploads)
        .where(and(inArray(uploads.id, ids), isNotNull(uploads.completedAt))),

    /**
     * Deletes completed uploads of `purpose` finished before `before` that no live account shows
     * (replaced, removed, never set, or of a deleted account); answers their object keys.
     */
    async deleteUnused(purpose: string, before: Date): Promise<string[]> {
      const rows = await db
        .delete(uploads)
        .where(
          and(
            eq(uploads.purpose, purpose),
            isNotNull(uploads.completedAt),
            lt(uploads.completedAt, before),
            sql`not exists (select 1 from ${users} where ${users.avatarUploadId} = ${uploads.id} and ${isNull(users.deletedAt)})`,
          ),
        )
        .returning({ objectKey: uploads.objectKey });
      return rows.map((r) => r.objectKey);
    },
  };
}
export type AvatarsRepository = ReturnType<typeof createAvatarsRepository>;
