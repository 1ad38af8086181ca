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
  memberEntered(session: SessionState, member: SessionMember): void;
  memberExited(session: SessionState, member: SessionMember): void;
  memberPlaying(session: SessionState, member: SessionMember): void;
  playlistModified(playlist: PlaylistDetail, session: SessionState): void;
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
    memberEntered: (session, member) =>
      publish(playcoMemberEntered, { playlistId: session.playlistId, member, room: session }),
    memberExited: (session, member) =>
      publish(playcoMemberExited, { playlistId: session.playlistId, member, room: session }),
    memberPlaying: (session, member) =>
      publish(playcoMemberUpdated, { playlistId: session.playlistId, member, room: session }),
    playlistModified: (playlist, session) =>
      publish(playcoPlaylistModified, { playlistId: playlist.id, version: playlist.version, playlist, room: session }),
    playlistClosed: (playlistId) => publish(playcoPlaylistClosed, { playlistId }),
    playbackChanged: (playback) => publish(playcoPlaybackChanged, { playlistId: playback.playlistId, playback }),
    evict(playlistId, userIds) {
      if (userIds.length > 0) publish(playcoMembersEvicted, { playlistId, userIds });
    },
  };
}
