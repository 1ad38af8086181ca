import { z } from 'zod';

/**
 * Every error code the platform can answer, with the HTTP status it maps to. A contract lists the
 * codes its operation may answer; the same `{code, message, details?}` shape travels over HTTP,
 * NATS and Socket.IO.
 */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  /** The client did not send its request in time. */
  request_timeout: 408,
  route_not_found: 404,
  unknown_event: 404,
  conflict: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  /** A path parameter longer than the gateway takes (4096 characters). */
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  /** The request line and headers are larger than the server reads (16 KiB). */
  headers_too_large: 431,
  /** An `Idempotency-Key` sent again with a different request. */
  idempotency_key_reused: 422,
  /** An `Idempotency-Key` sent again while its first request still runs: retry later. */
  idempotency_key_in_use: 409,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
  overloaded: 503,
  service_timeout: 504,
  // auth (services/auth)
  email_taken: 409,
  phone_taken: 409,
  nickname_taken: 409,
  invalid_credentials: 401,
  email_not_verified: 403,
  /** Too many wrong passwords: 429 with Retry-After, like any other rate limit. */
  account_locked: 429,
  wrong_password: 403,
  weak_password: 422,
  email_domain_not_allowed: 422,
  code_invalid: 400,
  code_expired: 400,
  /** The code took 5 wrong tries and is burned: a new one must be requested. */
  code_attempts_exceeded: 400,
  verification_invalid: 400,
  email_token_invalid: 400,
  refresh_invalid: 401,
  refresh_reused: 401,
  // playco (services/playco)
  playlist_limit_reached: 422,
  playlist_full: 422,
  invalid_video_url: 400,
  video_unavailable: 422,
  /** The video metadata source (oEmbed) did not answer in time or failed. */
  metadata_unavailable: 503,
  duplicate_item: 409,
  position_out_of_range: 422,
  sio_token_expired: 401,
  sio_token_invalid: 401,
  connection_not_found: 404,
  connection_exists: 409,
  session_limit_reached: 409,
  not_joined: 409,
  not_leader: 409,
  // chat (services/chat)
  user_not_found: 404,
  cannot_befriend_self: 422,
  already_friends: 409,
  /** The caller blocked this user: unblock first. */
  user_blocked: 422,
  friend_request_not_found: 404,
  room_not_found: 404,
  not_a_member: 403,
  not_room_owner: 403,
  /** The open room closed (its `closesAt` passed). */
  room_expired: 422,
  /** The open room's `opensAt` is still ahead. */
  room_not_open: 422,
  /** The operation does not apply to this kind of room (e.g. inviting to a direct room). */
  room_kind_mismatch: 422,
  member_not_found: 404,
  already_member: 409,
  invitation_not_found: 404,
  message_not_found: 404,
  not_message_author: 403,
  upload_not_found: 404,
} as const satisfies Record<string, number>;

/** Domains add their codes to `errorStatus` above, so one catalogue maps every code to a status. */
export type PlatformErrorCode = keyof typeof errorStatus;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ErrorResponse = z.object({ error: ErrorBody });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const statusOf = (code: string): number => (errorStatus as Record<string, number>)[code] ?? 500;
