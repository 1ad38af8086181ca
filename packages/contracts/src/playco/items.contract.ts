import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { ExpectedVersion, PlaylistDetail, PlaylistItem } from './playlist.schemas.ts';

const tags = ['playco'];
const ifMatch = { field: 'version', required: true } as const;
const etag = { field: 'playlist.version' } as const;
const versionErrors = ['precondition_required', 'version_mismatch'] as const;

/** The playlist after a change to its items; its `version` is the new ETag. */
export const ItemChangeReply = z.object({ playlist: PlaylistDetail });

export const AddItemRequest = z.strictObject({
  playlistId: Id,
  version: ExpectedVersion,
  /** A YouTube URL: youtube.com/watch?v=, youtu.be/, /shorts/, /embed/, /live/, music.youtube.com. */
  url: z.string().trim().min(1).max(2048),
  /** Where to insert (0..itemCount); at the end when absent. */
  position: z.number().int().min(0).optional(),
});

/**
 * Served by playco; the owner, or anyone who may read when `publicItemAppendable`. The video's
 * metadata comes from oEmbed (`video_unavailable` for an unknown or private video,
 * `metadata_unavailable` when oEmbed does not answer). Items after `position` shift by one.
 */
export const addItem = defineRequest({
  subject: 'playco.item.add',
  access: 'user',
  request: AddItemRequest,
  reply: ItemChangeReply.extend({ item: PlaylistItem }),
  errors: [
    'validation_failed',
    'not_found',
    'forbidden',
    ...versionErrors,
    'invalid_video_url',
    'video_unavailable',
    'metadata_unavailable',
    'duplicate_item',
    'position_out_of_range',
    'playlist_full',
  ],
  http: {
    method: 'POST',
    path: '/api/v1/playco/playlists/:playlistId/items',
    status: 201,
    ifMatch,
    etag,
    tags,
    summary: 'Add a video',
    description:
      "Adds a YouTube video (watch, youtu.be, shorts, music. URLs) at `position`, or at the end. Its title and thumbnail come from YouTube's oEmbed (`video_unavailable` for an unknown or private video). The owner may, and others when `publicItemAppendable`. Needs `If-Match`; a video already there is `duplicate_item` unless `allowDuplicate`.",
    example: { playlistId: '7270031203475587072', version: 3, url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  },
  socket: { event: 'playco:item:add' },
  timeoutMs: 10_000,
});

/**
 * Served by playco; moves an item to `position` (0..itemCount-1), the ones between shift; the
 * owner, or anyone who may read when `publicItemOrderable`.
 */
export const moveItem = defineRequest({
  subject: 'playco.item.move',
  access: 'user',
  request: z.strictObject({ playlistId: Id, itemId: Id, version: ExpectedVersion, position: z.number().int().min(0) }),
  reply: ItemChangeReply,
  errors: ['validation_failed', 'not_found', 'forbidden', ...versionErrors, 'position_out_of_range'],
  http: {
    method: 'PATCH',
    path: '/api/v1/playco/playlists/:playlistId/items/:itemId',
    ifMatch,
    etag,
    tags,
    summary: 'Move an item',
    description:
      'Moves an item to `position`; the items between shift. The owner may, and others when `publicItemOrderable`. Needs `If-Match`; members playing an item keep playing it.',
    example: { playlistId: '7270031203475587072', itemId: '7270031887617925120', version: 4, position: 0 },
  },
  socket: { event: 'playco:item:move' },
});

/**
 * Served by playco; removes an item, the ones after it move up; the owner, or anyone who may read
 * when `publicItemDeletable`. Members playing it move to the item that takes its place.
 */
export const removeItem = defineRequest({
  subject: 'playco.item.remove',
  access: 'user',
  request: z.object({ playlistId: Id, itemId: Id, version: ExpectedVersion }),
  reply: ItemChangeReply,
  errors: ['not_found', 'forbidden', ...versionErrors],
  http: {
    method: 'DELETE',
    path: '/api/v1/playco/playlists/:playlistId/items/:itemId',
    ifMatch,
    etag,
    tags,
    summary: 'Remove an item',
    description:
      'Removes an item; the items after it move up. The owner may, and others when `publicItemDeletable`. Needs `If-Match`; members playing it move to the item that takes its place.',
    example: { playlistId: '7270031203475587072', itemId: '7270031887617925120', version: 5 },
  },
  socket: { event: 'playco:item:remove' },
});
