import {
  LEGACY_PLAYCO_NAMESPACE,
  legacyPlaycoPlaylistModified,
  legacyPlaycoUserEntered,
  legacyPlaycoUserExited,
  playcoMemberEntered,
  playcoMemberExited,
  playcoMembersEvicted,
  playcoMemberUpdated,
  playcoPlaylistClosed,
  playcoPlaylistModified,
  playlistSocketRoom,
} from '@seed/contracts';
import type { DomainEvents } from '../../events/index.ts';
import type { GatewayServer } from '../../sockets/index.ts';
import { envelope, toLegacyRoom } from './playco-envelope.ts';
import type { LegacyPlaycoSessions } from './playco-namespace.ts';

/**
 * The legacy view of playco's session events: the broadcasts of `/playco_ws`, in the legacy
 * envelope, to this replica's sockets in the playlist's room; evicted members' sockets leave it.
 */
export function showSessionsOnLegacyPlayco(deps: {
  io: GatewayServer;
  events: DomainEvents;
  sessions: LegacyPlaycoSessions;
}) {
  const nsp = deps.io.of(LEGACY_PLAYCO_NAMESPACE);
  const wanted = () => nsp.sockets.size > 0;
  /** This replica's sockets in the playlist's room, if any. */
  const roomOf = (playlistId: string) => {
    const room = playlistSocketRoom(playlistId);
    return nsp.adapter.rooms.has(room) ? nsp.local.to(room) : undefined;
  };
  const { events } = deps;

  /** A member's change: its broadcast, sub-code and message; `dbModified` on what goes out as PLAYLIST_MODIFIED. */
  const memberChanges = [
    {
      event: playcoMemberEntered,
      broadcast: legacyPlaycoUserEntered,
      subCode: 'PLAYLIST_USER_ENTERED',
      says: 'entered',
      dbModified: undefined,
    },
    {
      event: playcoMemberExited,
      broadcast: legacyPlaycoUserExited,
      subCode: 'PLAYLIST_USER_EXITED',
      says: 'left',
      dbModified: undefined,
    },
    {
      event: playcoMemberUpdated,
      broadcast: legacyPlaycoPlaylistModified,
      subCode: 'ROOM_MODIFIED',
      says: 'plays another item',
      dbModified: false,
    },
  ] as const;
  for (const { event, broadcast, subCode, says, dbModified } of memberChanges)
    events.on(event, {
      wanted,
      show({ room, member }) {
        let to = roomOf(room.playlistId);
        // The joiner hears its own entry from the socket that entered, before that socket's reply.
        const joiner =
          event === playcoMemberEntered ? deps.sessions.socketNamed(room.playlistId, member.sessionName) : undefined;
        if (joiner) to = to?.except(joiner);
        to?.emit(
          broadcast.event,
          envelope(subCode, `${member.sessionName} ${says}`, {
            room: toLegacyRoom(room, dbModified),
            session_name: member.sessionName,
          }),
        );
      },
    });
  events.on(playcoPlaylistModified, {
    wanted,
    show: ({ playlistId, playlist, room }) =>
      roomOf(playlistId)?.emit(
        legacyPlaycoPlaylistModified.event,
        envelope('PLAYLIST_MODIFIED', 'the playlist changed', { room: toLegacyRoom(room, true), playlist }),
      ),
  });
  events.on(playcoPlaylistClosed, {
    wanted,
    show: ({ playlistId }) =>
      roomOf(playlistId)?.emit(
        legacyPlaycoPlaylistModified.event,
        envelope('ROOM_CLOSED', 'the playlist was deleted', { playlist_id: playlistId }),
      ),
  });
  events.on(playcoMembersEvicted, {
    wanted,
    show: ({ playlistId, userIds }) => deps.sessions.evict(playlistId, userIds),
  });
}
