import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const playco = pgSchema('playco');

/** A snowflake id: `bigint` in PostgreSQL, a decimal string in TypeScript (beyond 2^53). */
const snowflake = customType<{ data: string; driverData: string }>({
  dataType: () => 'bigint',
  fromDriver: (value) => String(value),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const playlists = playco.table(
  'playlists',
  {
    id: snowflake('id').primaryKey(),
    ownerId: snowflake('owner_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(0),
    itemCount: integer('item_count').notNull().default(0),
    publicListable: boolean('public_listable').notNull().default(false),
    publicReadable: boolean('public_readable').notNull().default(false),
    publicItemAppendable: boolean('public_item_appendable').notNull().default(false),
    publicItemOrderable: boolean('public_item_orderable').notNull().default(false),
    publicItemDeletable: boolean('public_item_deletable').notNull().default(false),
    allowDuplicate: boolean('allow_duplicate').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('playlists_owner_idx').on(t.ownerId, t.id.desc()),
    index('playlists_public_idx').on(t.id.desc()).where(sql`${t.publicListable}`),
  ],
);

export const playlistItems = playco.table(
  'playlist_items',
  {
    id: snowflake('id').primaryKey(),
    playlistId: snowflake('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    /** 0-based, dense; unique per playlist (a deferrable constraint, see the migrations). */
    position: integer('position').notNull(),
    url: text('url').notNull(),
    videoId: text('video_id').notNull(),
    title: text('title').notNull(),
    thumbnailUrl: text('thumbnail_url'),
    durationSeconds: integer('duration_seconds'),
    addedBy: snowflake('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('playlist_items_video_idx').on(t.playlistId, t.videoId)],
);

export const schema = { playlists, playlistItems };
export type PlaylistRow = typeof playlists.$inferSelect;
export type PlaylistItemRow = typeof playlistItems.$inferSelect;
