import type { PlaylistDetail, PlaylistItem } from '@seed/contracts';
import { AppError, type SnowflakeGenerator } from '@seed/runtime';
import type { PlaycoStore } from '../db/store.ts';
import {
  lockAtVersion,
  type PlaylistEvents,
  readableOrNotFound,
  requireItemAction,
  requireVersion,
  toDetail,
  toItem,
} from '../playlists/index.ts';
import { parseYoutubeUrl, type VideoMetadataSource } from '../youtube/index.ts';

export interface ItemsServiceDeps {
  store: PlaycoStore;
  ids: Pick<SnowflakeGenerator, 'next'>;
  events: PlaylistEvents;
  metadata: VideoMetadataSource;
  maxItemsPerPlaylist: number;
}

interface ItemTarget {
  playlistId: string;
  version?: number | undefined;
}

function outOfRange(position: number, max: number): AppError {
  return new AppError('position_out_of_range', `position must be between 0 and ${max}`, { position, max });
}

/** Adding, moving and removing items: each in one transaction on the locked playlist, positions dense. */
export function createItemsService(deps: ItemsServiceDeps) {
  const { store, events } = deps;

  return {
    async add(
      userId: string,
      input: ItemTarget & { url: string; position?: number | undefined },
    ): Promise<{ item: PlaylistItem; playlist: PlaylistDetail }> {
      const video = parseYoutubeUrl(input.url);
      if (!video) throw new AppError('invalid_video_url', 'only YouTube video URLs are accepted');
      const expected = requireVersion(input.version);
      // Fail fast before asking for metadata; the transaction checks again under the lock.
      const seen = readableOrNotFound(await store.playlists.find(input.playlistId), userId);
      requireItemAction(seen, userId, 'append');
      const meta = await deps.metadata.lookup(video.url);

      const result = await store.transaction(async ({ playlists }) => {
        const target = { playlistId: input.playlistId, userId, expected };
        const playlist = await lockAtVersion(playlists, target, (p) => requireItemAction(p, userId, 'append'));
        if (!playlist.allowDuplicate && (await playlists.hasVideo(playlist.id, video.videoId)))
          throw new AppError('duplicate_item', 'this video is already in the playlist', { videoId: video.videoId });
        if (playlist.itemCount >= deps.maxItemsPerPlaylist)
          throw new AppError('playlist_full', `at most ${deps.maxItemsPerPlaylist} items per playlist`);
        const position = input.position ?? playlist.itemCount;
        if (position > playlist.itemCount) throw outOfRange(position, playlist.itemCount);
        const item = await playlists.insertItem({
          id: deps.ids.next(),
          playlistId: playlist.id,
          position,
          url: video.url,
          videoId: video.videoId,
          title: meta.title,
          thumbnailUrl: meta.thumbnailUrl,
          durationSeconds: meta.durationSeconds,
          addedBy: userId,
        });
        const row = await playlists.update(playlist.id, { itemCount: playlist.itemCount + 1 });
        return { item: toItem(item), playlist: toDetail(row, await playlists.items(playlist.id)) };
      });
      await events.modified(result.playlist);
      return result;
    },

    async move(userId: string, input: ItemTarget & { itemId: string; position: number }) {
      const expected = requireVersion(input.version);
      const playlist = await store.transaction(async ({ playlists }) => {
        const target = { playlistId: input.playlistId, userId, expected };
        const row = await lockAtVersion(playlists, target, (p) => requireItemAction(p, userId, 'order'));
        const item = (await playlists.items(row.id)).find((i) => i.id === input.itemId);
        if (!item) throw new AppError('not_found', 'no such item in this playlist');
        if (input.position >= row.itemCount) throw outOfRange(input.position, row.itemCount - 1);
        await playlists.moveItem(row.id, item.position, input.position);
        const updated = await playlists.update(row.id, {});
        return toDetail(updated, await playlists.items(row.id));
      });
      await events.modified(playlist);
      return { playlist };
    },

    async remove(userId: string, input: ItemTarget & { itemId: string }) {
      const expected = requireVersion(input.version);
      const { playlist, position } = await store.transaction(async ({ playlists }) => {
        const target = { playlistId: input.playlistId, userId, expected };
        const row = await lockAtVersion(playlists, target, (p) => requireItemAction(p, userId, 'delete'));
        const item = (await playlists.items(row.id)).find((i) => i.id === input.itemId);
        if (!item) throw new AppError('not_found', 'no such item in this playlist');
        await playlists.removeItem(row.id, item.id, item.position);
        const updated = await playlists.update(row.id, { itemCount: row.itemCount - 1 });
        return { playlist: toDetail(updated, await playlists.items(row.id)), position: item.position };
      });
      // Members playing the removed item go on with the one that took its place (or the new last).
      const replacement = playlist.items[Math.min(position, playlist.items.length - 1)] ?? null;
      await events.itemRemoved(playlist.id, input.itemId, replacement?.id ?? null);
      await events.modified(playlist);
      return { playlist };
    },
  };
}

export type ItemsService = ReturnType<typeof createItemsService>;
