import type { PlaylistItemRow, PlaylistRow } from '../db/schema.ts';

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

/** Work inside one transaction; `lock` holds the playlist row until it ends. */
export interface PlaylistTx {
  /** Serialises the creations of one owner (for the per-user limit). */
  lockOwner(ownerId: string): Promise<void>;
  countOwned(ownerId: string): Promise<number>;
  insert(playlist: NewPlaylist): Promise<PlaylistRow>;
  /** The row, locked `FOR UPDATE`; undefined when it does not exist. */
  lock(playlistId: string): Promise<PlaylistRow | undefined>;
  /** Applies `patch` and bumps the version. */
  update(playlistId: string, patch: PlaylistPatch): Promise<PlaylistRow>;
  remove(playlistId: string): Promise<void>;
  items(playlistId: string): Promise<PlaylistItemRow[]>;
  hasVideo(playlistId: string, videoId: string): Promise<boolean>;
  /** Inserts at `item.position`, shifting the items from there down by one. */
  insertItem(item: NewItem): Promise<PlaylistItemRow>;
  /** Moves the item at `from` to `to`, shifting the ones between. */
  moveItem(playlistId: string, from: number, to: number): Promise<void>;
  /** Removes the item at `position`, shifting the ones after it up by one. */
  removeItem(playlistId: string, itemId: string, position: number): Promise<void>;
}

export interface Page {
  /** Exclusive: only ids below it (newest first). */
  beforeId?: string;
  limit: number;
}

export interface PlaylistStore {
  find(playlistId: string): Promise<PlaylistRow | undefined>;
  items(playlistId: string): Promise<PlaylistItemRow[]>;
  listOwned(ownerId: string, page: Page): Promise<PlaylistRow[]>;
  listPublic(page: Page): Promise<PlaylistRow[]>;
  /** Deletes every playlist of an owner (with its items); returns their ids. */
  removeOwnedBy(ownerId: string): Promise<string[]>;
  transaction<T>(work: (tx: PlaylistTx) => Promise<T>): Promise<T>;
}
