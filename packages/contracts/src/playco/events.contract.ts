import { z } from 'zod';
import { defineEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { PlaylistDetail } from './playlist.schemas.ts';
import { PlaybackState, SessionState } from './session.schemas.ts';
import { MemberChange } from './socket-events.contract.ts';

// Published by playco as its live sessions change; every gateway replica shows them to its own
// clients, in the new API (`playco:*` on `/`) and in the legacy protocol (`/playco_ws`).

/** A member entered a playlist's session (the joiner included). */
export const playcoMemberEntered = defineEvent({ subject: 'playco.member.entered', payload: MemberChange });

/** A member left, was disconnected, or lapsed with its gateway replica. */
export const playcoMemberExited = defineEvent({ subject: 'playco.member.exited', payload: MemberChange });

/** A member plays another item (or stopped). */
export const playcoMemberUpdated = defineEvent({ subject: 'playco.member.updated', payload: MemberChange });

/** These users' sockets are out of the playlist's session (it turned private, or it was deleted). */
export const playcoMembersEvicted = defineEvent({
  subject: 'playco.member.evicted',
  payload: z.object({ playlistId: Id, userIds: z.array(Id).min(1) }),
});

/** The playlist or its items changed; `playlist` is the new state, `room` the session. */
export const playcoPlaylistModified = defineEvent({
  subject: 'playco.playlist.modified',
  payload: z.object({ playlistId: Id, version: z.number().int(), playlist: PlaylistDetail, room: SessionState }),
});

/** The playlist was deleted; its session is over. */
export const playcoPlaylistClosed = defineEvent({
  subject: 'playco.playlist.closed',
  payload: z.object({ playlistId: Id }),
});

/** The leader played, paused or sought. */
export const playcoPlaybackChanged = defineEvent({
  subject: 'playco.playback.changed',
  payload: z.object({ playlistId: Id, playback: PlaybackState }),
});

export const playcoEvents = [
  playcoMemberEntered,
  playcoMemberExited,
  playcoMemberUpdated,
  playcoMembersEvicted,
  playcoPlaylistModified,
  playcoPlaylistClosed,
  playcoPlaybackChanged,
];
