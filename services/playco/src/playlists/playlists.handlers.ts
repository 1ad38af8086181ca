import {
  addItem,
  closeConnection,
  controlPlayback,
  createPlaylist,
  deletePlaylist,
  getPlayback,
  getPlaylist,
  issueSioToken,
  joinSession,
  leaveSession,
  listMyPlaylists,
  listPublicPlaylists,
  moveItem,
  openConnection,
  pingClock,
  refreshConnections,
  removeItem,
  setSessionStatus,
  updatePlaylist,
  userDeleted,
  verifySioToken,
} from '@seed/contracts';
import { type Logger, type NatsConnection, type ServiceHost, subscribeEvent } from '@seed/runtime';
import type { ItemsService } from '../items/items.service.ts';
import type { PlaybackService } from '../playback/playback.service.ts';
import type { PlaylistsService } from '../playlists/playlists.service.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { SioTokens } from '../sio/sio-tokens.service.ts';

export interface PlaycoServices {
  playlists: PlaylistsService;
  items: ItemsService;
  sessions: SessionsService;
  playback: PlaybackService;
  sioTokens: SioTokens;
}

/** Binds every playco contract to its service call. */
export function serveContracts(host: ServiceHost, s: PlaycoServices): void {
  host.serve(listMyPlaylists, (q, { caller }) => s.playlists.listMine(caller.userId, q));
  host.serve(listPublicPlaylists, (q) => s.playlists.listPublic(q));
  host.serve(createPlaylist, (input, { caller }) => s.playlists.create(caller.userId, input));
  host.serve(getPlaylist, ({ playlistId }, { caller }) => s.playlists.get(caller.userId, playlistId));
  host.serve(updatePlaylist, (input, { caller }) => s.playlists.update(caller.userId, input));
  host.serve(deletePlaylist, (input, { caller }) => s.playlists.remove(caller.userId, input));

  host.serve(addItem, (input, { caller }) => s.items.add(caller.userId, input));
  host.serve(moveItem, (input, { caller }) => s.items.move(caller.userId, input));
  host.serve(removeItem, (input, { caller }) => s.items.remove(caller.userId, input));

  host.serve(issueSioToken, async ({ sid, sio_csrf_token }, { caller }) => ({
    sio_token: await s.sioTokens.issue(caller.userId, sid, sio_csrf_token),
  }));
  host.serve(verifySioToken, ({ sio_token, sid, sio_csrf_token }) =>
    s.sioTokens.verify(sio_token, sid, sio_csrf_token),
  );

  host.serve(openConnection, (input) => s.sessions.open(input));
  host.serve(closeConnection, async ({ connectionId }) => ({ closed: await s.sessions.close(connectionId) }));
  host.serve(refreshConnections, async ({ connectionIds }) => ({ unknown: await s.sessions.refresh(connectionIds) }));
  host.serve(joinSession, (input) => s.sessions.join(input));
  host.serve(leaveSession, (input) => s.sessions.leave(input));
  host.serve(setSessionStatus, (input) => s.sessions.setStatus(input));

  host.serve(controlPlayback, (input) => s.playback.control(input));
  host.serve(getPlayback, ({ playlistId }, { caller }) => s.playback.get(caller.userId, playlistId));
  host.serve(pingClock, ({ clientTimeMs }) => ({
    clientTimeMs: clientTimeMs ?? null,
    serverTimeMs: s.playback.serverTime(),
  }));
}

/** The events playco follows; one replica (queue `playco`) handles each. */
export function subscribeEvents(nc: NatsConnection, s: PlaycoServices, logger: Logger) {
  return [
    subscribeEvent(
      nc,
      userDeleted,
      async ({ userId }) => {
        const removed = await s.playlists.removeAllOf(userId);
        if (removed > 0) logger.info({ userId, removed }, 'deleted account’s playlists removed');
      },
      { queue: 'playco', logger },
    ),
  ];
}
