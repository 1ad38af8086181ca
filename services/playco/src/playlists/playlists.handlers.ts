import {
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  listMyPlaylists,
  listPublicPlaylists,
  updatePlaylist,
  userDeleted,
} from '@seed/contracts';
import type { Logger, ServiceHost } from '@seed/runtime';
import type { PlaylistsService } from './playlists.service.ts';

/** Binds the playlist contracts to the playlists service. */
export function servePlaylistsHandlers(host: ServiceHost, playlists: PlaylistsService, logger: Logger): void {
  host.serve(listMyPlaylists, (q, { caller }) => playlists.listMine(caller.userId, q));
  host.serve(listPublicPlaylists, (q) => playlists.listPublic(q));
  host.serve(createPlaylist, (input, { caller }) => playlists.create(caller.userId, input));
  host.serve(getPlaylist, ({ playlistId }, { caller }) => playlists.get(caller.userId, playlistId));
  host.serve(updatePlaylist, (input, { caller }) => playlists.update(caller.userId, input));
  host.serve(deletePlaylist, (input, { caller }) => playlists.remove(caller.userId, input));
  host.subscribe(userDeleted, async ({ userId }) => {
    const removed = await playlists.removeAllOf(userId);
    if (removed > 0) logger.info({ userId, removed }, 'deleted account’s playlists removed');
  });
}
