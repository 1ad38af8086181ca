import { bigint, customType, index, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';

const snowflake = customType<{ data: string; driverData: string }>({
  dataType: () => 'bigint',
  fromDriver: (value) => String(value),
});

/**
 * A service's uploads table, in its own schema (`export const uploads = uploadsTable(chat)` in
 * its db/schema.ts, so its migrations create it).
 */
export function uploadsTable(schema: PgSchema) {
  return schema.table(
    'uploads',
    {
      id: snowflake('id').primaryKey(),
      ownerId: snowflake('owner_id').notNull(),
      purpose: text('purpose').notNull(),
      contentType: text('content_type').notNull(),
      size: bigint('size', { mode: 'number' }).notNull(),
      objectKey: text('object_key').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      /** Null until the stored object was checked; only completed uploads are usable. */
      completedAt: timestamp('completed_at', { withTimezone: true }),
    },
    (t) => [index('uploads_owner').on(t.ownerId), index('uploads_pending').on(t.createdAt)],
  );
}

export type UploadsTable = ReturnType<typeof uploadsTable>;
export type UploadRow = UploadsTable['$inferSelect'];
