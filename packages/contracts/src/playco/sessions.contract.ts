import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { PlaylistDetail } from './playlist.schemas.ts';
import { PlayingRef, SessionState } from './session.schemas.ts';

/**
 * A socket as playco knows it: `<gateway replica>:<socket id>`, unique while it lives. The gateway
 * socket module holding the socket is the only caller of these internal operations; it refreshes
 * its connections (`playco.connection.refresh`) so that those of a dead replica lapse and leave.
 */
export const ConnectionId = z.string().min(1).max(200);

export const ConnectionProtocol = z.enum(['socket', 'legacy']);

/**
 * Served by playco; called by the gateway socket module when a socket starts using playco (the
 * legacy `playcoConnect`, the first `playco:session:*` event on `/`). `connection_exists` when
 * already open; `session_limit_reached` past the per-user limit.
 */
export const openConnection = defineRequest({
  subject: 'playco.connection.open',
  access: 'internal',
  request: z.object({ connectionId: ConnectionId, userId: Id, protocol: ConnectionProtocol }),
  reply: z.object({ connectionId: ConnectionId, nickname: z.string() }),
  errors: ['connection_exists', 'session_limit_reached', 'not_found'],
});

/**
 * Served by playco; the socket is gone: it leaves every playlist (the others are told). Idempotent.
 */
export const closeConnection = defineRequest({
  subject: 'playco.connection.close',
  access: 'internal',
  request: z.object({ connectionId: ConnectionId }),
  reply: z.object({ closed: z.boolean() }),
});

/**
 * Served by playco; called periodically by each gateway replica with the connections it holds.
 * Replies the ones playco no longer knows (they lapsed), so the replica can tell their sockets.
 * Idempotent.
 */
export const refreshConnections = defineRequest({
  subject: 'playco.connection.refresh',
  access: 'internal',
  request: z.object({ connectionIds: z.array(ConnectionId).max(100_000) }),
  reply: z.object({ unknown: z.array(ConnectionId) }),
});

/** Events a playco socket sends once joined name the playlist; the module checks the token first. */
export const SessionTarget = z.object({ connectionId: ConnectionId, playlistId: Id });

/**
 * Served by playco; the connection enters a playlist's live session (client event
 * `playco:session:join` on `/`, `playlist_enter` on `/playco_ws`). Needs read permission
 * (`not_found` otherwise). Entering again only updates what it plays. The others get
 * `playco:member:entered`.
 */
export const JoinSessionRequest = SessionTarget.extend({ playing: PlayingRef.optional() });
export const SetSessionStatusRequest = SessionTarget.extend({ playing: PlayingRef.nullable() });

export const joinSession = defineRequest({
  subject: 'playco.session.join',
  access: 'internal',
  request: JoinSessionRequest,
  reply: z.object({ sessionName: z.string(), room: SessionState, playlist: PlaylistDetail }),
  errors: ['not_found', 'connection_not_found', 'position_out_of_range'],
});

/**
 * Served by playco; the connection leaves a playlist (`playco:session:leave`, `playlist_leave`).
 * `not_joined` when it was not in it.
 */
export const leaveSession = defineRequest({
  subject: 'playco.session.leave',
  access: 'internal',
  request: SessionTarget,
  reply: z.object({ room: SessionState }),
  errors: ['not_joined', 'connection_not_found'],
});

/**
 * Served by playco; sets what the member plays (`playco:session:status`, `playlist_set_status`);
 * null stops. The room gets `playco:member:playing`.
 */
export const setSessionStatus = defineRequest({
  subject: 'playco.session.status',
  access: 'internal',
  request: SetSessionStatusRequest,
  reply: z.object({ room: SessionState }),
  errors: ['not_joined', 'connection_not_found', 'position_out_of_range', 'not_found'],
});
