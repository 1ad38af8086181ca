import { and, asc, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type PlaylistItemRow, type PlaylistRow, playlistItems, playlists } from '../db/schema.ts';

export type NewPlaylist = Omit<PlaylistRow, 'version' | 'itemCount' | 'createdAt' | 'updatedAt'>;
export type NewItem = Omit<PlaylistItemRow, 'addedAt'>;
export type PlaylistPatch = Partial<
  Pick<
    PlaylistRow,
    | 'name'
    | 'description'
    | 'publicListable'
    | 'publicReadable'
    | 'publicItemAppendable'
    | 'publicItemOrderable'
    | 'publicItemDeletable'
    | 'allowDuplicate'
    | 'itemCount'
  >
>;

export interface Page {
  /** Exclusive: only ids below it (newest first). */
  beforeId?: string;
  limit: number;
}

/**
 * Playlists and their items. The writes that keep positions dense run inside the store's
 * `transaction`, after `lock`, which holds the playlist row until the transaction ends.
 */
export interface PlaylistsRepository {
  find(playlistId: string): Promise<PlaylistRow | undefined>;
  items(playlistId: string): Promise<PlaylistItemRow[]>;
  listOwned(ownerId: string, page: Page): Promise<PlaylistRow[]>;
  listPublic(page: Page): Promise<PlaylistRow[]>;
  /** Deletes every playlist of an owner (with its items); returns their ids. */
  removeOwnedBy(ownerId: string): Promise<string[]>;
  /** Serialises the creations of one owner (for the per-user limit). */
  lockOwner(ownerId: string): Promise<void>;
  countOwned(ownerId: string): Promise<number>;
  insert(playlist: NewPlaylist): Promise<PlaylistRow>;
  /** The row, locked `FOR UPDATE`; undefined when it does not exist. */
  lock(playlistId: string): Promise<PlaylistRow | undefined>;
  /** Applies `patch` and bumps the version. */
  update(playlistId: string, patch: PlaylistPatch): Promise<PlaylistRow>;
  remove(playlistId: string): Promise<void>;
  hasVideo(playlistId: string, videoId: string): Promise<boolean>;
  /** Inserts at `item.position`, shifting the items from there down by one. */
  insertItem(item: NewItem): Promise<PlaylistItemRow>;
  /** Moves the item at `from` to `to`, shifting the ones between. */
  moveItem(playlistId: string, from: number, to: number): Promise<void>;
  /** Removes the item at `position`, shifting the ones after it up by one. */
  removeItem(playlistId: string, itemId: string, position: number): Promise<void>;
}

const before = (page: Page) => (page.beforeId ? lt(playlists.id, page.beforeId) : undefined);

/** The only SQL for playlists and their items. */
export function createPlaylistsRepository(db: Db): PlaylistsRepository {
  return {
    async lockOwner(ownerId) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`playco:owner:${ownerId}`}, 0))`);
    },
    async countOwned(ownerId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(playlists)
        .where(eq(playlists.ownerId, ownerId));
      return row?.n ?? 0;
    },
    async insert(playlist) {
      const [row] = await db.insert(playlists).values(playlist).returning();
      return row!;
    },
    async lock(playlistId) {
      const [row] = await db.select().from(playlists).where(eq(playlists.id, playlistId)).for('update');
      return row;
    },
    async update(playlistId, patch) {
      const [row] = await db
        .update(playlists)
        .set({ ...patch, version: sql`${playlists.version} + 1`, updatedAt: new Date() })
        .where(eq(playlists.id, playlistId))
        .returning();
      return row!;
    },
    async remove(playlistId) {
      await db.delete(playlists).where(eq(playlists.id, playlistId));
    },
    async hasVideo(playlistId, videoId) {
      const rows = await db
        .select({ id: playlistItems.id })
        .from(playlistItems)
        .where(and(eq(playlistItems.playlistId, playlistId), eq(playlistItems.videoId, videoId)))
        .limit(1);
      return rows.length > 0;
    },
    async insertItem(item) {
      await db
        .update(playlistItems)
        .set({ position: sql`${playlistItems.position} + 1` })
        .where(and(eq(playlistItems.playlistId, item.playlistId), gte(playlistItems.position, item.position)));
      const [row] = await db.insert(playlistItems).values(item).returning();
      return row!;
    },
    async moveItem(playlistId, from, to) {
      if (from === to) return;
      // One statement: the deferrable unique constraint is checked once every position has moved.
      await db.execute(sql`
        update ${playlistItems} set position = case
          when position = ${from} then ${to}
          when ${from} < ${to} then position - 1
          else position + 1 end
        where playlist_id = ${playlistId}
          and position between ${Math.min(from, to)} and ${Math.max(from, to)}`);
    },
    async removeItem(playlistId, itemId, position) {
      await db.delete(playlistItems).where(eq(playlistItems.id, itemId));
      await db
        .update(playlistItems)
        .set({ position: sql`${playlistItems.position} - 1` })
        .where(and(eq(playlistItems.playlistId, playlistId), gt(playlistItems.position, position)));
    },
    async find(playlistId) {
      const [row] = await db.select().from(playlists).where(eq(playlists.id, playlistId));
      return row;
    },
    items: (playlistId) => itemsOf(db, playlistId),
    listOwned(ownerId, page) {
      return db
        .select()
        .from(playlists)
        .where(and(eq(playlists.ownerId, ownerId), before(page)))
        .orderBy(desc(playlists.id))
        .limit(page.limit);
    },
    listPublic(page) {
      return db
        .select()
        .from(playlists)
        .where(and(eq(playlists.publicListable, true), before(page)))
        .orderBy(desc(playlists.id))
        .limit(page.limit);
    },
    async removeOwnedBy(ownerId) {
      const rows = await db.delete(playlists).where(eq(playlists.ownerId, ownerId)).returning({ id: playlists.id });
      return rows.map((r) => r.id);
    },
  };
}

function itemsOf(db: Db, playlistId: string) {
  return db
    .select()
    .from(playlistItems)
    .where(eq(playlistItems.playlistId, playlistId))
    .orderBy(asc(playlistItems.position));
}
