import type { Playlist, PlaylistDetail, PlaylistItem } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { PlaylistItemRow, PlaylistRow } from '../db/schema.ts';

export const toPlaylist = (r: PlaylistRow): Playlist => ({
  id: r.id,
  ownerId: r.ownerId,
  name: r.name,
  description: r.description,
  version: r.version,
  itemCount: r.itemCount,
  publicListable: r.publicListable,
  publicReadable: r.publicReadable,
  publicItemAppendable: r.publicItemAppendable,
  publicItemOrderable: r.publicItemOrderable,
  publicItemDeletable: r.publicItemDeletable,
  allowDuplicate: r.allowDuplicate,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const toItem = (r: PlaylistItemRow): PlaylistItem => ({
  id: r.id,
  url: r.url,
  videoId: r.videoId,
  title: r.title,
  thumbnailUrl: r.thumbnailUrl,
  durationSeconds: r.durationSeconds,
  position: r.position,
  addedBy: r.addedBy,
  addedAt: r.addedAt.toISOString(),
});

export const toDetail = (r: PlaylistRow, items: PlaylistItemRow[]): PlaylistDetail => ({
  ...toPlaylist(r),
  items: items.map(toItem),
});

/** Cursors are opaque to clients: the last id of a page, encoded. */
export const encodeCursor = (id: string): string => Buffer.from(`p:${id}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = /^p:([1-9][0-9]{0,19})$/.exec(text)?.[1];
  if (!id) throw new AppError('validation_failed', 'invalid cursor', [{ path: 'cursor', message: 'invalid cursor' }]);
  return id;
}
