import type { PlaylistDetail, PlaylistPage } from '@seed/contracts';
import { AppError, type SnowflakeGenerator } from '@seed/runtime';
import type { PlaylistRow } from '../db/schema.ts';
import type { PlaycoStore } from '../db/store.ts';
import { readableOrNotFound, requireOwner, requireVersion } from './access.ts';
import type { PlaylistEvents } from './playlist-events.ts';
import { decodeCursor, encodeCursor, toDetail, toPlaylist } from './playlist-view.ts';
import type { PlaylistPatch, PlaylistsRepository } from './playlists.repository.ts';

export interface PlaylistsServiceDeps {
  store: PlaycoStore;
  ids: Pick<SnowflakeGenerator, 'next'>;
  events: PlaylistEvents;
  maxPlaylistsPerUser: number;
}

export type CreateInput = { name: string; description: string } & Omit<
  PlaylistPatch,
  'name' | 'description' | 'itemCount'
>;
export type UpdateInput = { playlistId: string; version?: number | undefined } & Omit<PlaylistPatch, 'itemCount'>;

/**
 * Inside a transaction: the playlist locked, readable by `userId`, allowed by `authorize`, and at
 * `expected` version (`version_mismatch` carries the current playlist so the client can redo its
 * change on it).
 */
export async function lockAtVersion(
  playlists: PlaylistsRepository,
  target: { playlistId: string; userId: string; expected: number },
  authorize: (row: PlaylistRow) => void,
): Promise<PlaylistRow> {
  const { playlistId, userId } = target;
  const row = readableOrNotFound(await playlists.lock(playlistId), userId);
  authorize(row);
  if (row.version !== target.expected)
    throw new AppError('version_mismatch', `the playlist is at version ${row.version}`, {
      playlist: toDetail(row, await playlists.items(playlistId)),
    });
  return row;
}

export function createPlaylistsService(deps: PlaylistsServiceDeps) {
  const { store, events } = deps;

  /** One row more than the page holds tells whether another page follows. */
  async function page(rows: Promise<PlaylistRow[]>, limit: number): Promise<PlaylistPage> {
    const list = (await rows).slice(0, limit + 1);
    const shown = list.slice(0, limit);
    const last = shown.at(-1);
    return { data: shown.map(toPlaylist), nextCursor: list.length > limit && last ? encodeCursor(last.id) : null };
  }

  return {
    async listMine(userId: string, q: { cursor?: string | undefined; limit: number }) {
      const beforeId = decodeCursor(q.cursor);
      return page(
        store.playlists.listOwned(userId, { limit: q.limit + 1, ...(beforeId ? { beforeId } : {}) }),
        q.limit,
      );
    },

    async listPublic(q: { cursor?: string | undefined; limit: number }) {
      const beforeId = decodeCursor(q.cursor);
      return page(store.playlists.listPublic({ limit: q.limit + 1, ...(beforeId ? { beforeId } : {}) }), q.limit);
    },

    async create(userId: string, input: CreateInput): Promise<PlaylistDetail> {
      return store.transaction(async ({ playlists }) => {
        await playlists.lockOwner(userId);
        if ((await playlists.countOwned(userId)) >= deps.maxPlaylistsPerUser)
          throw new AppError('playlist_limit_reached', `at most ${deps.maxPlaylistsPerUser} playlists per user`, {
            limit: deps.maxPlaylistsPerUser,
          });
        const row = await playlists.insert({
          id: deps.ids.next(),
          ownerId: userId,
          name: input.name,
          description: input.description,
          publicListable: input.publicListable ?? false,
          publicReadable: input.publicReadable ?? false,
          publicItemAppendable: input.publicItemAppendable ?? false,
          publicItemOrderable: input.publicItemOrderable ?? false,
          publicItemDeletable: input.publicItemDeletable ?? false,
          allowDuplicate: input.allowDuplicate ?? false,
        });
        return toDetail(row, []);
      });
    },

    async get(userId: string, playlistId: string): Promise<PlaylistDetail> {
      const row = readableOrNotFound(await store.playlists.find(playlistId), userId);
      return toDetail(row, await store.playlists.items(playlistId));
    },

    async update(userId: string, input: UpdateInput): Promise<PlaylistDetail> {
      const { playlistId, version, ...patch } = input;
      const expected = requireVersion(version);
      const detail = await store.transaction(async ({ playlists }) => {
        await lockAtVersion(playlists, { playlistId, userId, expected }, (p) => requireOwner(p, userId));
        const row = await playlists.update(playlistId, patch);
        return toDetail(row, await playlists.items(playlistId));
      });
      await events.modified(detail);
      return detail;
    },

    /** The account is gone: so are its playlists and their sessions. Idempotent. */
    async removeAllOf(userId: string): Promise<number> {
      const ids = await store.playlists.removeOwnedBy(userId);
      for (const id of ids) await events.deleted(id);
      return ids.length;
    },

    async remove(userId: string, input: { playlistId: string; version?: number | undefined }) {
      const expected = requireVersion(input.version);
      await store.transaction(async ({ playlists }) => {
        const target = { playlistId: input.playlistId, userId, expected };
        await lockAtVersion(playlists, target, (p) => requireOwner(p, userId));
        await playlists.remove(input.playlistId);
      });
      await events.deleted(input.playlistId);
      return { id: input.playlistId };
    },
  };
}

export type PlaylistsService = ReturnType<typeof createPlaylistsService>;
