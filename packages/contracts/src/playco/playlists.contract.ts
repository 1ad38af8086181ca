import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import {
  ExpectedVersion,
  PlaylistDescription,
  PlaylistDetail,
  PlaylistFlags,
  PlaylistName,
  PlaylistPage,
  PlaylistPageQuery,
} from './playlist.schemas.ts';

const tags = ['playco'];
const ifMatch = { field: 'version', required: true } as const;

/** Served by playco; the caller's own playlists, newest first. Read-only. */
export const listMyPlaylists = defineRequest({
  subject: 'playco.playlist.list',
  access: 'user',
  request: PlaylistPageQuery,
  reply: PlaylistPage,
  errors: ['validation_failed'],
  http: {
    method: 'GET',
    path: '/api/v1/playco/playlists',
    raw: true,
    tags,
    summary: 'My playlists',
    description:
      "The caller's own playlists, newest first, a page at a time (`?cursor=` with the `nextCursor` of the previous page).",
    example: { limit: 20 },
  },
  socket: { event: 'playco:playlist:list' },
});

/** Served by playco; playlists whose owners made them `publicListable`, newest first. Read-only. */
export const listPublicPlaylists = defineRequest({
  subject: 'playco.playlist.browse',
  access: 'user',
  request: PlaylistPageQuery,
  reply: PlaylistPage,
  errors: ['validation_failed'],
  http: {
    method: 'GET',
    path: '/api/v1/playco/playlists/public',
    raw: true,
    tags,
    summary: 'Public playlists',
    description:
      'Playlists their owners made `publicListable`, newest first, a page at a time. Opening one also needs `publicReadable`.',
    example: { limit: 20 },
  },
  socket: { event: 'playco:playlist:browse' },
});

export const CreatePlaylistRequest = z.strictObject({
  name: PlaylistName,
  description: PlaylistDescription.default(''),
  ...PlaylistFlags.partial().shape,
});

/**
 * Served by playco. Every flag defaults to false (a private playlist). At most
 * `PLAYCO_MAX_PLAYLISTS` per user (`playlist_limit_reached`). Not idempotent.
 */
export const createPlaylist = defineRequest({
  subject: 'playco.playlist.create',
  access: 'user',
  request: CreatePlaylistRequest,
  reply: PlaylistDetail,
  errors: ['validation_failed', 'playlist_limit_reached'],
  http: {
    method: 'POST',
    path: '/api/v1/playco/playlists',
    status: 201,
    etag: { field: 'version' },
    tags,
    summary: 'Create a playlist',
    description:
      "Creates a playlist owned by the caller. Every flag defaults to false (a private playlist); a user has at most `PLAYCO_MAX_PLAYLISTS` (`playlist_limit_reached`). The reply's `version` is its ETag.",
    example: {
      name: 'Road trip',
      description: 'Songs for the drive',
      publicListable: true,
      publicReadable: true,
      publicItemAppendable: true,
    },
  },
  socket: { event: 'playco:playlist:create' },
});

/** Served by playco; a playlist with its items. `not_found` when the caller may not read it. */
export const getPlaylist = defineRequest({
  subject: 'playco.playlist.get',
  access: 'user',
  request: z.object({ playlistId: Id }),
  reply: PlaylistDetail,
  errors: ['not_found'],
  http: {
    method: 'GET',
    path: '/api/v1/playco/playlists/:playlistId',
    etag: { field: 'version' },
    tags,
    summary: 'A playlist with its items',
    description:
      'A playlist and its items in order, with its `version` as the ETag. A playlist the caller may not read is `not_found`.',
    example: { playlistId: '7270031203475587072' },
  },
  socket: { event: 'playco:playlist:get' },
});

export const UpdatePlaylistRequest = z.strictObject({
  playlistId: Id,
  version: ExpectedVersion,
  name: PlaylistName.optional(),
  description: PlaylistDescription.optional(),
  ...PlaylistFlags.partial().shape,
});

/**
 * Served by playco; owner only (others: `forbidden` when they may read it, else `not_found`).
 * Needs the current `version` (`precondition_required`, `version_mismatch` with the current playlist
 * in `details.playlist`). Unknown fields are `validation_failed`.
 */
export const updatePlaylist = defineRequest({
  subject: 'playco.playlist.update',
  access: 'user',
  request: UpdatePlaylistRequest,
  reply: PlaylistDetail,
  errors: ['validation_failed', 'not_found', 'forbidden', 'precondition_required', 'version_mismatch'],
  http: {
    method: 'PATCH',
    path: '/api/v1/playco/playlists/:playlistId',
    ifMatch,
    etag: { field: 'version' },
    tags,
    summary: 'Change a playlist',
    description:
      'The owner changes the name, description or flags. Send the version last read in `If-Match`: missing is `precondition_required` (428), stale is `version_mismatch` (412) with the current playlist in `details.playlist`.',
    example: { playlistId: '7270031203475587072', version: 3, name: 'Road trip 2026', publicItemOrderable: true },
  },
  socket: { event: 'playco:playlist:update' },
});

/** Served by playco; owner only; ends its live session (members are told it closed). */
export const deletePlaylist = defineRequest({
  subject: 'playco.playlist.delete',
  access: 'user',
  request: z.object({ playlistId: Id, version: ExpectedVersion }),
  reply: z.object({ id: Id }),
  errors: ['not_found', 'forbidden', 'precondition_required', 'version_mismatch'],
  http: {
    method: 'DELETE',
    path: '/api/v1/playco/playlists/:playlistId',
    ifMatch,
    tags,
    summary: 'Delete a playlist',
    description: 'The owner deletes a playlist (with `If-Match`); its live session ends and its members are told.',
    example: { playlistId: '7270031203475587072', version: 3 },
  },
  socket: { event: 'playco:playlist:delete' },
});
