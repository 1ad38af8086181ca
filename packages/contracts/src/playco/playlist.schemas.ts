import { z } from 'zod';
import { Id, PageQuery, Timestamp } from '../ids.ts';

/** What others than the owner may do with a playlist; the owner may do everything. */
export const PlaylistFlags = z.object({
  /** Shown in the public list. */
  publicListable: z.boolean(),
  /** Anyone signed in may view it and join its session; otherwise it is `not_found` for them. */
  publicReadable: z.boolean(),
  /** Anyone who may read it may add items. */
  publicItemAppendable: z.boolean(),
  /** Anyone who may read it may move items. */
  publicItemOrderable: z.boolean(),
  /** Anyone who may read it may delete items. */
  publicItemDeletable: z.boolean(),
  /** The same video may appear more than once; otherwise adding it again is `duplicate_item`. */
  allowDuplicate: z.boolean(),
});
export type PlaylistFlags = z.infer<typeof PlaylistFlags>;

export const PlaylistName = z.string().trim().min(1).max(100);
export const PlaylistDescription = z.string().trim().max(1000);

export const Playlist = PlaylistFlags.extend({
  id: Id,
  ownerId: Id,
  name: z.string(),
  description: z.string(),
  /** Bumped by every change; sent as `ETag` and expected back in `If-Match`. */
  version: z.number().int().nonnegative(),
  itemCount: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Playlist = z.infer<typeof Playlist>;

export const PlaylistItem = z.object({
  id: Id,
  /** The canonical watch URL of the video. */
  url: z.string(),
  videoId: z.string(),
  title: z.string(),
  thumbnailUrl: z.string().nullable(),
  /** Seconds, when the metadata source tells. */
  durationSeconds: z.number().int().nonnegative().nullable(),
  /** 0-based and dense: the items of a playlist are always at 0..n-1. */
  position: z.number().int().nonnegative(),
  addedBy: Id,
  addedAt: Timestamp,
});
export type PlaylistItem = z.infer<typeof PlaylistItem>;

/** A playlist with its items in order. */
export const PlaylistDetail = Playlist.extend({ items: z.array(PlaylistItem) });
export type PlaylistDetail = z.infer<typeof PlaylistDetail>;

/** A page of playlists: `{data, nextCursor}` (null on the last page). */
export const PlaylistPage = z.object({ data: z.array(Playlist), nextCursor: z.string().nullable() });
export type PlaylistPage = z.infer<typeof PlaylistPage>;

export const PlaylistPageQuery = PageQuery;

/**
 * The version a change expects (`If-Match` over HTTP). Optional in the schema so a missing one is
 * answered `precondition_required` (428) on every transport, not a validation error.
 */
export const ExpectedVersion = z.coerce.number().int().nonnegative().optional();
