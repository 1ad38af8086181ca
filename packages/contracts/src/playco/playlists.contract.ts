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
  http: { method: 'GET', path: '/api/v1/playco/playlists', raw: true, tags, summary: 'My playlists' },
  socket: { event: 'playco:playlist:list' },
});

/** Served by playco; playlists whose owners made them `publicListable`, newest first. Read-only. */
export const listPublicPlaylists = defineRequest({
  subject: 'playco.playlist.browse',
  access: 'user',
  request: PlaylistPageQuery,
  reply: PlaylistPage,
  errors: ['validation_failed'],
  http: { method: 'GET', path: '/api/v1/playco/playlists/public', raw: true, tags, summary: 'Public playlists' },
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
  http: { method: 'POST', path: '/api/v1/playco/playlists', status: 201, etag: { field: 'version' }, tags },
  socket: { event: 'playco:playlist:create' },
});

/** Served by playco; a playlist with its items. `not_found` when the caller may not read it. */
export const getPlaylist = defineRequest({
  subject: 'playco.playlist.get',
  access: 'user',
  request: z.object({ playlistId: Id }),
  reply: PlaylistDetail,
  errors: ['not_found'],
  http: { method: 'GET', path: '/api/v1/playco/playlists/:playlistId', etag: { field: 'version' }, tags },
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
  http: { method: 'PATCH', path: '/api/v1/playco/playlists/:playlistId', ifMatch, etag: { field: 'version' }, tags },
  socket: { event: 'playco:playlist:update' },
});

/** Served by playco; owner only; ends its live session (members are told it closed). */
export const deletePlaylist = defineRequest({
  subject: 'playco.playlist.delete',
  access: 'user',
  request: z.object({ playlistId: Id, version: ExpectedVersion }),
  reply: z.object({ id: Id }),
  errors: ['not_found', 'forbidden', 'precondition_required', 'version_mismatch'],
  http: { method: 'DELETE', path: '/api/v1/playco/playlists/:playlistId', ifMatch, tags },
  socket: { event: 'playco:playlist:delete' },
});
