import { PlaybackState } from '@seed/contracts';
import type { Redis } from '@seed/runtime';
import { z } from 'zod';

export const StoredPlayback = PlaybackState.extend({ leaderConnectionId: z.string().nullable() });
export type StoredPlayback = z.infer<typeof StoredPlayback>;

export interface PlaybackRepository {
  get(playlistId: string): Promise<StoredPlayback | undefined>;
  save(playback: StoredPlayback): Promise<void>;
}

/** `playco:playback:<playlistId>`: the group playback; removed with the session when the playlist goes. */
export function createPlaybackRepository(redis: Redis, keepMs = 7 * 24 * 60 * 60 * 1000): PlaybackRepository {
  const key = (id: string) => `playco:playback:${id}`;
  return {
    async get(playlistId) {
      const raw = await redis.get(key(playlistId));
      const parsed = raw ? StoredPlayback.safeParse(JSON.parse(raw)) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
    async save(playback) {
      await redis.set(key(playback.playlistId), JSON.stringify(playback), 'PX', keepMs);
    },
  };
}
