import { defineClientSocketEvent } from '../define.ts';
import { socketAck } from '../platform/socket-ack.ts';
import { ControlPlaybackRequest, controlPlayback } from './playback.contract.ts';
import {
  JoinSessionRequest,
  joinSession,
  leaveSession,
  SessionTarget,
  SetSessionStatusRequest,
  setSessionStatus,
} from './sessions.contract.ts';

// Client events on `/` that act on the socket's own playco session, so the gateway serves them
// itself rather than forwarding them: each payload is the internal request minus the connection.

/** Enter a playlist's live session (`playco.session.join`); the room gets `playco:member:entered`. */
export const playcoSessionJoin = defineClientSocketEvent({
  event: 'playco:session:join',
  payload: JoinSessionRequest.omit({ connectionId: true }),
  ack: socketAck(joinSession.reply),
  description: 'Enters a playlist’s live session; needs read permission (not_found otherwise).',
});

/** Leave a playlist's live session (`playco.session.leave`); `not_joined` when not in it. */
export const playcoSessionLeave = defineClientSocketEvent({
  event: 'playco:session:leave',
  payload: SessionTarget.omit({ connectionId: true }),
  ack: socketAck(leaveSession.reply),
  description: 'Leaves a playlist’s live session.',
});

/** Set what this member plays, null to stop (`playco.session.status`). */
export const playcoSessionStatus = defineClientSocketEvent({
  event: 'playco:session:status',
  payload: SetSessionStatusRequest.omit({ connectionId: true }),
  ack: socketAck(setSessionStatus.reply),
  description: 'Sets the item this member plays (null stops); the room gets playco:member:playing.',
});

/** The group leader plays, pauses or seeks (`playco.playback.control`). */
export const playcoPlaybackControl = defineClientSocketEvent({
  event: 'playco:playback:control',
  payload: ControlPlaybackRequest.omit({ connectionId: true }),
  ack: socketAck(controlPlayback.reply),
  description: 'Plays, pauses or seeks for the whole group; only its leader (or the owner) may.',
});

/** Every playco client event on `/` served by the gateway's session module. */
export const playcoSessionClientEvents = [
  playcoSessionJoin,
  playcoSessionLeave,
  playcoSessionStatus,
  playcoPlaybackControl,
];
