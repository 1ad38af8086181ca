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
  route_not_found: 404,
  conflict: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
  overloaded: 503,
  service_timeout: 504,
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
