import {
  type PlaybackState,
  type PlaylistDetail,
  playcoMemberEntered,
  playcoMemberExited,
  playcoMembersEvicted,
  playcoMemberUpdated,
  playcoPlaybackChanged,
  playcoPlaylistClosed,
  playcoPlaylistModified,
  type SessionMember,
  type SessionState,
} from '@seed/contracts';
import { type Logger, type NatsConnection, publishEvent } from '@seed/runtime';

/**
 * What changed in a playlist's live session, published as playco's domain events; the gateway
 * shows them to the playlist's sockets of every kind of client. Fire-and-forget: a change is
 * stored before it is announced.
 */
export interface SessionEvents {
  memberEntered(room: SessionState, member: SessionMember): void;
  memberExited(room: SessionState, member: SessionMember): void;
  memberPlaying(room: SessionState, member: SessionMember): void;
  playlistModified(playlist: PlaylistDetail, room: SessionState): void;
  playlistClosed(playlistId: string): void;
  playbackChanged(playback: PlaybackState): void;
  /** Every socket of these users leaves the playlist's session. */
  evict(playlistId: string, userIds: string[]): void;
}

export function createSessionEvents(nc: NatsConnection, logger: Logger): SessionEvents {
  function publish<C extends Parameters<typeof publishEvent>[1]>(
    event: C,
    payload: Parameters<typeof publishEvent<C>>[2],
  ) {
    try {
      publishEvent(nc, event, payload);
    } catch (err) {
      logger.error({ err, subject: event.subject }, 'session event not published');
    }
  }

  return {
    memberEntered: (room, member) => publish(playcoMemberEntered, { playlistId: room.playlistId, member, room }),
    memberExited: (room, member) => publish(playcoMemberExited, { playlistId: room.playlistId, member, room }),
    memberPlaying: (room, member) => publish(playcoMemberUpdated, { playlistId: room.playlistId, member, room }),
    playlistModified: (playlist, room) =>
      publish(playcoPlaylistModified, { playlistId: playlist.id, version: playlist.version, playlist, room }),
    playlistClosed: (playlistId) => publish(playcoPlaylistClosed, { playlistId }),
    playbackChanged: (playback) => publish(playcoPlaybackChanged, { playlistId: playback.playlistId, playback }),
    evict(playlistId, userIds) {
      if (userIds.length > 0) publish(playcoMembersEvicted, { playlistId, userIds });
    },
  };
}
