import { and, eq, isNull, lt } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.ts';
import type { BlobStorage, UploadTarget } from './blob-storage.ts';
import { SNIFF_BYTES, sniffContentType } from './content-type.ts';
import type { UploadPurpose } from './upload-purposes.ts';
import type { UploadRow, UploadsTable } from './uploads.table.ts';

export interface Upload {
  id: string;
  purpose: string;
  contentType: string;
  size: number;
  createdAt: string;
  completedAt: string | null;
}

const view = (row: UploadRow): Upload => ({
  id: row.id,
  purpose: row.purpose,
  contentType: row.contentType,
  size: row.size,
  createdAt: row.createdAt.toISOString(),
  completedAt: row.completedAt?.toISOString() ?? null,
});

// biome-ignore lint/suspicious/noExplicitAny: any drizzle PostgreSQL database, whatever its schema
type AnyPgDatabase = PgDatabase<PgQueryResultHKT, any>;

/**
 * Uploads of one service: declared first (purpose, type, size), sent by the client straight to
 * storage, then completed once the stored object is checked (its size, its type by magic bytes).
 * Only completed uploads are usable; others are removed by `removeStale`.
 */
export function createUploads(deps: {
  db: AnyPgDatabase;
  table: UploadsTable;
  storage: BlobStorage;
  purposes: readonly UploadPurpose[];
  nextId: () => string;
  /** Prefix of object keys (the service's name), so services share a bucket safely. */
  keyPrefix: string;
  uploadUrlTtlSec: number;
  readUrlTtlSec: number;
}) {
  const { db, table, storage } = deps;
  const purposes = new Map(deps.purposes.map((p) => [p.name, p]));

  async function owned(ownerId: string, id: string): Promise<UploadRow> {
    const [row] = await db
      .select()
      .from(table)
      .where(and(eq(table.id, id), eq(table.ownerId, ownerId)));
    if (!row) throw new AppError('upload_not_found', 'no such upload');
    return row;
  }

  return {
    purposeNames: [...purposes.keys()],

    async create(
      ownerId: string,
      input: { purpose: string; contentType: string; size: number },
    ): Promise<{ upload: Upload; target: UploadTarget; expiresAt: string }> {
      const purpose = purposes.get(input.purpose);
      if (!purpose) throw new AppError('validation_failed', `unknown purpose ${input.purpose}`);
      if (!purpose.contentTypes.includes(input.contentType))
        throw new AppError('unsupported_media_type', `${purpose.name} takes ${purpose.contentTypes.join(', ')}`);
      if (input.size > purpose.maxBytes)
        throw new AppError('payload_too_large', `${purpose.name} takes at most ${purpose.maxBytes} bytes`);
      const id = deps.nextId();
      const objectKey = `${deps.keyPrefix}/${purpose.name}/${id}`;
      const [row] = await db
        .insert(table)
        .values({ id, ownerId, purpose: purpose.name, contentType: input.contentType, size: input.size, objectKey })
        .returning();
      const target = await storage.uploadTarget(objectKey, {
        contentType: input.contentType,
        size: input.size,
        expiresInSec: deps.uploadUrlTtlSec,
      });
      return {
        upload: view(row!),
        target,
        expiresAt: new Date(Date.now() + deps.uploadUrlTtlSec * 1000).toISOString(),
      };
    },

    /** Checks the stored bytes and makes the upload usable. Idempotent. */
    async complete(ownerId: string, id: string): Promise<Upload> {
      const row = await owned(ownerId, id);
      if (row.completedAt) return view(row);
      const stat = await storage.stat(row.objectKey);
      if (!stat) throw new AppError('unprocessable', 'nothing was uploaded yet');
      if (stat.size !== row.size)
        throw new AppError('unprocessable', `uploaded ${stat.size} bytes, declared ${row.size}`);
      const actual = await sniffContentType(await storage.head(row.objectKey, SNIFF_BYTES));
      if (actual !== row.contentType) {
        await storage.delete(row.objectKey);
        throw new AppError(
          'unsupported_media_type',
          `the content is ${actual ?? 'of no known type'}, not ${row.contentType}`,
        );
      }
      const [done] = await db.update(table).set({ completedAt: new Date() }).where(eq(table.id, id)).returning();
      return view(done!);
    },

    /** True when `id` is a completed upload of `ownerId` for `purpose`. */
    async usable(id: string, ownerId: string, purpose: string): Promise<boolean> {
      const [row] = await db
        .select({ completedAt: table.completedAt, purpose: table.purpose, ownerId: table.ownerId })
        .from(table)
        .where(eq(table.id, id));
      return !!row?.completedAt && row.ownerId === ownerId && row.purpose === purpose;
    },

    /** A short-lived URL to read a completed upload; null when there is none. */
    async readUrl(id: string): Promise<string | null> {
      const [row] = await db.select().from(table).where(eq(table.id, id));
      if (!row?.completedAt) return null;
      return storage.readUrl(row.objectKey, { contentType: row.contentType, expiresInSec: deps.readUrlTtlSec });
    },

    /** Removes uploads never completed within `maxAgeMs`, with whatever bytes reached storage. */
    async removeStale(maxAgeMs: number): Promise<number> {
      const stale = await db
        .delete(table)
        .where(and(isNull(table.completedAt), lt(table.createdAt, new Date(Date.now() - maxAgeMs))))
        .returning({ objectKey: table.objectKey });
      for (const { objectKey } of stale) await storage.delete(objectKey).catch(() => {});
      return stale.length;
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
