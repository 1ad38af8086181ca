import { z } from 'zod';
import { defineSocketEvent } from '../define.ts';

// PlayCo's legacy protocol on `/playco_ws` (SPEC §3), in its own spellings: the
// envelope every reply and broadcast travels in, and its broadcasts. The gateway's legacy PlayCo
// adapter builds them from playco's replies and domain events.

/** The namespace of the legacy PlayCo protocol, kept for its clients. */
export const LEGACY_PLAYCO_NAMESPACE = '/playco_ws';

/** Sub-codes of the legacy protocol, with the status code each travels with. */
export const legacyPlaycoSubCodes = {
  SESSION_CREATED: 201,
  USER_JOINED: 200,
  USER_LEFT_SELF: 200,
  ROOM_MODIFIED: 200,
  ROOM_CLOSED: 204,
  PLAYLIST_USER_ENTERED: 200,
  PLAYLIST_USER_EXITED: 200,
  PLAYLIST_MODIFIED: 200,
  OFFICIAL_ANNOUNCEMENT: 200,
  PAYLOAD_REQUIRED_OMITTED: 400,
  /** Not in the original protocol: a field present but unusable (an item index past the end, a malformed id). */
  PAYLOAD_INVALID: 400,
  /** Not in the original protocol: the socket sends events faster than allowed. */
  RATE_LIMITED: 429,
  SESSION_ALREADY_CREATED: 400,
  MAX_SESSION_CONNECTED: 400,
  SIO_TOKEN_EXPIRED: 400,
  SIO_TOKEN_INVALID: 400,
  USER_NOT_EXIST: 404,
  SESSION_NOT_EXIST: 404,
  ROOM_NOT_EXIST: 404,
  PLAYLIST_NOT_EXIST: 404,
  /** Not in the original protocol: an event it does not have, answered through its acknowledgement. */
  EVENT_NOT_EXIST: 404,
  SERVER_ERROR: 500,
} as const;
export type LegacyPlaycoSubCode = keyof typeof legacyPlaycoSubCodes;

/** The sub-code a playco error code travels as (`not_found` means the playlist unless said otherwise). */
export const legacyPlaycoSubCodeOf: Record<string, LegacyPlaycoSubCode> = {
  sio_token_expired: 'SIO_TOKEN_EXPIRED',
  sio_token_invalid: 'SIO_TOKEN_INVALID',
  connection_exists: 'SESSION_ALREADY_CREATED',
  session_limit_reached: 'MAX_SESSION_CONNECTED',
  connection_not_found: 'SESSION_NOT_EXIST',
  not_joined: 'ROOM_NOT_EXIST',
  not_found: 'PLAYLIST_NOT_EXIST',
  position_out_of_range: 'PAYLOAD_INVALID',
  validation_failed: 'PAYLOAD_INVALID',
};

/** Every reply and broadcast of the legacy protocol. */
export const LegacyPlaycoEnvelope = z.object({
  code: z.number().int(),
  subCode: z.string(),
  success: z.boolean(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type LegacyPlaycoEnvelope = z.infer<typeof LegacyPlaycoEnvelope>;

/** One member of a session as legacy clients read it, under its session name. */
export const LegacyPlaycoParticipant = z.object({
  nickname: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** `currently_playing`: the index of the item it plays, null when none. */
  status: z.object({ currently_playing: z.number().int().nullable() }),
});

/**
 * The legacy form of a session (the original server's `room_publicify`): members by session name
 * under `participants`; `db_modified` on `PLAYLIST_MODIFIED` says the playlist itself changed, so
 * clients read it again.
 */
export const LegacyPlaycoRoom = z.object({
  playlist_id: z.string(),
  /** The playlist's ETag. */
  playlist_hash: z.string(),
  participants: z.record(z.string(), LegacyPlaycoParticipant),
  current_play_target: z.string().nullable(),
  db_modified: z.boolean().optional(),
});
export type LegacyPlaycoRoom = z.infer<typeof LegacyPlaycoRoom>;

const legacyPlaycoBroadcast = <const E extends string>(event: E, description: string) =>
  defineSocketEvent({ event, namespace: LEGACY_PLAYCO_NAMESPACE, payload: LegacyPlaycoEnvelope, description });

export const legacyPlaycoUserEntered = legacyPlaycoBroadcast(
  'PLAYLIST_USER_ENTERED',
  'A member entered (the joiner hears its own entry too); data.room is the room.',
);
export const legacyPlaycoUserExited = legacyPlaycoBroadcast('PLAYLIST_USER_EXITED', 'A member left or disconnected.');
export const legacyPlaycoPlaylistModified = legacyPlaycoBroadcast(
  'PLAYLIST_MODIFIED',
  'The playlist, its items or what a member plays changed; ROOM_CLOSED when it was deleted.',
);
export const legacyPlaycoAnnouncement = legacyPlaycoBroadcast('OFFICIAL_ANNOUNCEMENT', 'A message from the operators.');

/** Every broadcast of the legacy protocol on `/playco_ws`. */
export const legacyPlaycoSocketEvents = [
  legacyPlaycoUserEntered,
  legacyPlaycoUserExited,
  legacyPlaycoPlaylistModified,
  legacyPlaycoAnnouncement,
];
