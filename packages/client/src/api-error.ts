import type { ErrorBody, ErrorCode } from '@seed/contracts';

/**
 * A failure the API answered with its `{error: {code, message, details?}}` shape, over HTTP (with
 * its status) or in a socket acknowledgement (status 0).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | (string & {});
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** When a rate limit lifts, in milliseconds, if the server said. */
  get retryAfterMs(): number | undefined {
    const value = (this.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    return typeof value === 'number' ? value : undefined;
  }
}

/** True when `err` is an answer of the API, with `code` when given. */
export function isApiError(err: unknown, code?: ErrorCode | (string & {})): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && typeof (v as ErrorBody).code === 'string';

/** The error an HTTP answer carries; one made up from the status when the body is not the API's. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: unknown } | null)?.error;
  if (isErrorBody(error)) return new ApiError(status, error);
  return new ApiError(status, {
    code: status >= 500 ? 'service_unavailable' : 'bad_request',
    message: `HTTP ${status}`,
  });
}
