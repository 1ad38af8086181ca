import { z } from 'zod';
import { defineSocketEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { PlaylistDetail } from './playlist.schemas.ts';
import { PlaybackState, SessionMember, SessionState } from './session.schemas.ts';

/** The socket room of a playlist's live session, in every namespace. */
export const playlistSocketRoom = (playlistId: string): string => `playlist:${playlistId}`;

/** A member of a playlist's session and the session after the change. */
export const MemberChange = z.object({ playlistId: Id, member: SessionMember, room: SessionState });

/** To the playlist's room on `/`: a member entered (the joiner included). */
export const memberEntered = defineSocketEvent({ event: 'playco:member:entered', payload: MemberChange });

/** To the playlist's room on `/`: a member left, was disconnected or lapsed with its replica. */
export const memberExited = defineSocketEvent({ event: 'playco:member:exited', payload: MemberChange });

/** To the playlist's room on `/`: a member plays another item (or stopped). */
export const memberPlaying = defineSocketEvent({ event: 'playco:member:playing', payload: MemberChange });

/** To the playlist's room on `/`: the playlist or its items changed; `playlist` is the new state. */
export const playlistModified = defineSocketEvent({
  event: 'playco:playlist:modified',
  payload: z.object({ playlistId: Id, version: z.number().int(), playlist: PlaylistDetail, room: SessionState }),
});

/** To the playlist's room on `/`: the playlist was deleted; its session is over. */
export const playlistClosed = defineSocketEvent({
  event: 'playco:playlist:closed',
  payload: z.object({ playlistId: Id }),
});

/** To the playlist's room on `/`: the leader played, paused or sought. */
export const playbackChanged = defineSocketEvent({
  event: 'playco:playback:changed',
  payload: z.object({ playlistId: Id, playback: PlaybackState }),
});

/** Every server-to-client event of the new API on `/`. */
export const playcoSocketEvents = [
  memberEntered,
  memberExited,
  memberPlaying,
  playlistModified,
  playlistClosed,
  playbackChanged,
];
