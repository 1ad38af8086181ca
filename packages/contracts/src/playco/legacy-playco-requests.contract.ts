import { z } from 'zod';
import { defineClientSocketEvent, defineSocketEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { LEGACY_PLAYCO_NAMESPACE, LegacyPlaycoEnvelope } from './legacy-playco.contract.ts';

// The client side of the legacy protocol on `/playco_ws` (SPEC §3), in its legacy spellings.
// A missing, null or empty required field is answered `PAYLOAD_REQUIRED_OMITTED` naming it; a
// `playlist_id` that is no playlist id `PLAYLIST_NOT_EXIST`; any other unusable field
// `PAYLOAD_INVALID`.

/** A required legacy value: a non-empty string, or a number legacy clients send for ids. */
const LegacyScalar = z.union([z.string().min(1), z.number()]);

/** The fields every legacy event carries: the Socket.IO token from `POST /api/v1/playco/socketio/auth`. */
export const LegacyPlaycoAuthFields = z.object({
  /** `data.sio_token.token`, bound to this socket's `sid` and the csrf token. */
  sio_token: z.string().min(1),
  sio_csrf_token: z.string().min(1),
  /** Names the reply event, `REQUEST_RESPONSE_<request_id>`. */
  request_id: LegacyScalar,
});

/** A playlist id as legacy clients send it (a string or a number). */
export const LegacyPlaylistId = LegacyScalar.transform(String).pipe(Id);

/** An item index: a number or a numeric string. */
const LegacyIndex = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]);

/** An item index (a number or a numeric string); absent, null or empty means none. */
export const LegacyItemIndex = z
  .union([LegacyIndex, z.literal(''), z.null()])
  .optional()
  .transform((v) => (typeof v === 'number' ? v : undefined));

const legacyPlaycoEvent = <const E extends string, P extends z.ZodType>(event: E, payload: P, description: string) =>
  defineClientSocketEvent({
    event,
    namespace: LEGACY_PLAYCO_NAMESPACE,
    payload,
    ack: LegacyPlaycoEnvelope,
    description,
  });

const connectDescription =
  'Opens the socket’s playco session: SESSION_CREATED with data {sid, nickname}; ' +
  'SESSION_ALREADY_CREATED, MAX_SESSION_CONNECTED, SIO_TOKEN_EXPIRED|INVALID, USER_NOT_EXIST otherwise.';

/** Opens the socket's session; answered `SESSION_CREATED` on `REQUEST_RESPONSE_<request_id>`. */
export const legacyPlaycoConnect = legacyPlaycoEvent('playcoConnect', LegacyPlaycoAuthFields, connectDescription);

/** The legacy protocol's other spelling of `playcoConnect`. */
export const legacyPlaycoConnectSnake = legacyPlaycoEvent('playco_connect', LegacyPlaycoAuthFields, connectDescription);

/** Enters a playlist, optionally playing an item: `USER_JOINED` with `data.room`, `session_name`, `playlist`. */
export const legacyPlaylistEnter = legacyPlaycoEvent(
  'playlist_enter',
  LegacyPlaycoAuthFields.extend({ playlist_id: LegacyPlaylistId, currently_playing: LegacyItemIndex }),
  'Enters a playlist (read permission needed): USER_JOINED; the room gets PLAYLIST_USER_ENTERED.',
);

/** Leaves a playlist: `USER_LEFT_SELF` with `data.room`. */
export const legacyPlaylistLeave = legacyPlaycoEvent(
  'playlist_leave',
  LegacyPlaycoAuthFields.extend({ playlist_id: LegacyPlaylistId }),
  'Leaves a playlist: USER_LEFT_SELF (ROOM_NOT_EXIST when not in it); the room gets PLAYLIST_USER_EXITED.',
);

/** Sets the item index this member plays (required, as the original server has it): `ROOM_MODIFIED` with `data.room`. */
export const legacyPlaylistSetStatus = legacyPlaycoEvent(
  'playlist_set_status',
  LegacyPlaycoAuthFields.extend({ playlist_id: LegacyPlaylistId, currently_playing: LegacyIndex }),
  'Sets what this member plays: ROOM_MODIFIED; the room gets PLAYLIST_MODIFIED.',
);

/** Every client event of the legacy protocol on `/playco_ws`. */
export const legacyPlaycoClientEvents = [
  legacyPlaycoConnect,
  legacyPlaycoConnectSnake,
  legacyPlaylistEnter,
  legacyPlaylistLeave,
  legacyPlaylistSetStatus,
];

/** The event that answers a legacy event sent with `request_id`: `REQUEST_RESPONSE_<request_id>`. */
export const legacyPlaycoResponseEvent = (requestId: string): string => `REQUEST_RESPONSE_${requestId}`;

/**
 * To the sending socket: the answer to one legacy event, on `REQUEST_RESPONSE_<request_id>` (the
 * event's own `request_id`); the acknowledgement, when the client asked for one, carries the same.
 */
export const legacyPlaycoRequestResponse = defineSocketEvent({
  event: 'REQUEST_RESPONSE_<request_id>',
  namespace: LEGACY_PLAYCO_NAMESPACE,
  payload: LegacyPlaycoEnvelope,
  description: 'The reply to one legacy event; the name ends with that event’s request_id.',
});
