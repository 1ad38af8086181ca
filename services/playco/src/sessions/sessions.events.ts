import {
  memberEntered,
  memberExited,
  memberPlaying,
  type PayloadOf,
  type PlaybackState,
  type PlaylistDetail,
  playbackChanged,
  playlistClosed,
  playlistModified,
  playlistRoom,
  type RoomMember,
  type RoomState,
  SEED_NAMESPACE,
  type SeedSubCode,
  type SocketEventContract,
  seedEnvelope,
  seedPlaylistModified,
  seedUserEntered,
  seedUserExited,
  socketRooms,
  toSeedRoom,
} from '@seed/contracts';
import { deliverToSockets, type Logger, type NatsConnection, publishEvent } from '@seed/runtime';

/** Tells a playlist's sockets, on `/` and on the seed namespace, what changed in its session. */
export interface RoomBroadcaster {
  memberEntered(room: RoomState, member: RoomMember): void;
  memberExited(room: RoomState, member: RoomMember): void;
  memberPlaying(room: RoomState, member: RoomMember): void;
  playlistModified(playlist: PlaylistDetail, room: RoomState): void;
  playlistClosed(playlistId: string): void;
  playbackChanged(playback: PlaybackState): void;
  /** Takes every socket of these users out of the playlist's room, in every namespace. */
  evict(playlistId: string, userIds: string[]): void;
}

export function createRoomBroadcaster(nc: NatsConnection, logger: Logger): RoomBroadcaster {
  function send<C extends SocketEventContract>(playlistId: string, event: C, data: PayloadOf<C>) {
    try {
      deliverToSockets(nc, event, { rooms: [playlistRoom(playlistId)] }, data);
    } catch (err) {
      logger.error({ err, event: event.event, playlistId }, 'broadcast failed');
    }
  }

  function seed(room: RoomState, event: SocketEventContract, subCode: SeedSubCode, message: string, extra = {}) {
    send(room.playlistId, event, seedEnvelope(subCode, message, { room: toSeedRoom(room), ...extra }));
  }

  return {
    memberEntered(room, member) {
      send(room.playlistId, memberEntered, { playlistId: room.playlistId, member, room });
      seed(room, seedUserEntered, 'PLAYLIST_USER_ENTERED', `${member.sessionName} entered`, {
        session_name: member.sessionName,
      });
    },
    memberExited(room, member) {
      send(room.playlistId, memberExited, { playlistId: room.playlistId, member, room });
      seed(room, seedUserExited, 'PLAYLIST_USER_EXITED', `${member.sessionName} left`, {
        session_name: member.sessionName,
      });
    },
    memberPlaying(room, member) {
      send(room.playlistId, memberPlaying, { playlistId: room.playlistId, member, room });
      seed(room, seedPlaylistModified, 'ROOM_MODIFIED', `${member.sessionName} plays another item`, {
        session_name: member.sessionName,
      });
    },
    playlistModified(playlist, room) {
      send(playlist.id, playlistModified, { playlistId: playlist.id, version: playlist.version, playlist, room });
      seed(room, seedPlaylistModified, 'PLAYLIST_MODIFIED', 'the playlist changed', { playlist });
    },
    playlistClosed(playlistId) {
      send(playlistId, playlistClosed, { playlistId });
      send(
        playlistId,
        seedPlaylistModified,
        seedEnvelope('ROOM_CLOSED', 'the playlist was deleted', { playlist_id: playlistId }),
      );
    },
    playbackChanged(playback) {
      send(playback.playlistId, playbackChanged, { playlistId: playback.playlistId, playback });
    },
    evict(playlistId, userIds) {
      if (userIds.length === 0) return;
      for (const namespace of ['/', SEED_NAMESPACE])
        publishEvent(nc, socketRooms, { users: userIds, namespace, leave: [playlistRoom(playlistId)] });
    },
  };
}
