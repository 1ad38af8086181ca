import type { PlaylistsRepository } from './playlists.repository.ts';

export { isOwner, readableOrNotFound, requireItemAction, requireVersion } from './access.ts';
export type { PlaylistEvents } from './playlist-events.ts';
export { toDetail, toItem } from './playlist-view.ts';
export { servePlaylistsHandlers } from './playlists.handlers.ts';
export { createPlaylistsRepository, type PlaylistsRepository } from './playlists.repository.ts';
export { createPlaylistsService, lockAtVersion, type PlaylistsService } from './playlists.service.ts';

/** What other features may read of playlists: a playlist and its items. */
export type PlaylistReader = Pick<PlaylistsRepository, 'find' | 'items'>;
export type { CreateInput } from './playlists.service.ts';
