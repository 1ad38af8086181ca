import type { PlaylistDetail } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { PlaylistEvents } from '../../src/playlists/playlist-events.ts';
import type { VideoMetadataSource } from '../../src/youtube/oembed-client.ts';

/** Ids in increasing order, like snowflakes. */
export function sequentialIds(start = 1_000) {
  let n = start;
  return { next: () => String(n++) };
}

/** Records what the live sessions would hear. */
export function recordingEvents() {
  const modified: PlaylistDetail[] = [];
  const deleted: string[] = [];
  const removed: { playlistId: string; itemId: string; replacementId: string | null }[] = [];
  const events: PlaylistEvents = {
    modified: async (p) => void modified.push(p),
    deleted: async (id) => void deleted.push(id),
    itemRemoved: async (playlistId, itemId, replacementId) => void removed.push({ playlistId, itemId, replacementId }),
  };
  return { events, modified, deleted, removed };
}

/** Metadata for any video, except the ids listed as unknown. */
export function fakeMetadata(unknown: string[] = []): VideoMetadataSource {
  return {
    async lookup(url) {
      const id = new URL(url).searchParams.get('v') ?? '';
      if (unknown.includes(id)) throw new AppError('video_unavailable');
      return {
        title: `Video ${id}`,
        thumbnailUrl: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
        durationSeconds: null,
      };
    },
  };
}
