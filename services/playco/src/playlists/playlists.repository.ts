import type { Database } from '@seed/runtime';
import { and, asc, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { playlistItems, playlists, type schema } from '../db/schema.ts';
import type { Page, PlaylistStore, PlaylistTx } from './playlist-store.ts';

type Db = PostgresJsDatabase<typeof schema>;

const before = (page: Page) => (page.beforeId ? lt(playlists.id, page.beforeId) : undefined);

function txStore(tx: Db): PlaylistTx {
  return {
    async lockOwner(ownerId) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`playco:owner:${ownerId}`}, 0))`);
    },
    async countOwned(ownerId) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(playlists)
        .where(eq(playlists.ownerId, ownerId));
      return row?.n ?? 0;
    },
    async insert(playlist) {
      const [row] = await tx.insert(playlists).values(playlist).returning();
      return row!;
    },
    async lock(playlistId) {
      const [row] = await tx.select().from(playlists).where(eq(playlists.id, playlistId)).for('update');
      return row;
    },
    async update(playlistId, patch) {
      const [row] = await tx
        .update(playlists)
        .set({ ...patch, version: sql`${playlists.version} + 1`, updatedAt: new Date() })
        .where(eq(playlists.id, playlistId))
        .returning();
      return row!;
    },
    async remove(playlistId) {
      await tx.delete(playlists).where(eq(playlists.id, playlistId));
    },
    items: (playlistId) => itemsOf(tx, playlistId),
    async hasVideo(playlistId, videoId) {
      const rows = await tx
        .select({ id: playlistItems.id })
        .from(playlistItems)
        .where(and(eq(playlistItems.playlistId, playlistId), eq(playlistItems.videoId, videoId)))
        .limit(1);
      return rows.length > 0;
    },
    async insertItem(item) {
      await tx
        .update(playlistItems)
        .set({ position: sql`${playlistItems.position} + 1` })
        .where(and(eq(playlistItems.playlistId, item.playlistId), gte(playlistItems.position, item.position)));
      const [row] = await tx.insert(playlistItems).values(item).returning();
      return row!;
    },
    async moveItem(playlistId, from, to) {
      if (from === to) return;
      // One statement: the deferrable unique constraint is checked once every position has moved.
      await tx.execute(sql`
        update ${playlistItems} set position = case
          when position = ${from} then ${to}
          when ${from} < ${to} then position - 1
          else position + 1 end
        where playlist_id = ${playlistId}
          and position between ${Math.min(from, to)} and ${Math.max(from, to)}`);
    },
    async removeItem(playlistId, itemId, position) {
      await tx.delete(playlistItems).where(eq(playlistItems.id, itemId));
      await tx
        .update(playlistItems)
        .set({ position: sql`${playlistItems.position} - 1` })
        .where(and(eq(playlistItems.playlistId, playlistId), gt(playlistItems.position, position)));
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

/** The only SQL for playlists and their items. */
export function createPlaylistsRepository(database: Database<typeof schema>): PlaylistStore {
  const { db } = database;
  return {
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
    transaction: (work) => db.transaction((tx) => work(txStore(tx as unknown as Db))),
  };
}
