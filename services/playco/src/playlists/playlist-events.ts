import type { PlaylistDetail } from '@seed/contracts';

/** What the live sessions hear of committed changes. Never throws into the change that caused it. */
export interface PlaylistEvents {
  modified(playlist: PlaylistDetail): Promise<void>;
  deleted(playlistId: string): Promise<void>;
  /** Members playing `itemId` move to `replacementId` (the item now at its place), or stop. */
  itemRemoved(playlistId: string, itemId: string, replacementId: string | null): Promise<void>;
}
