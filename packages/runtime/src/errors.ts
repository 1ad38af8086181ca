import { type ErrorBody, type ErrorCode, statusOf } from '@seed/contracts';

/** A failure the caller is meant to see: its code is declared in a contract. */
export class AppError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: ErrorCode | (string & {}), message?: string, details?: unknown) {
    super(message ?? code.replaceAll('_', ' '));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusOf(this.code);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** ioredis: a command unanswered in time, or the connection down. */
const REDIS_OUTAGE = new Set(['Command timed out', 'Connection is closed.']);
/** postgres.js: the connection could not be made or was lost. */
const DATABASE_OUTAGE = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** A failure of Redis or PostgreSQL being out of reach (stalled, down, restarting), not of the request. */
export function isOutage(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (REDIS_OUTAGE.has(e.message) || e.name === 'MaxRetriesPerRequestError') return true;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && DATABASE_OUTAGE.has(code);
}

/** Any thrown value as the error a caller sees: app errors as they are, outages 503, the rest `internal`. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (isOutage(e)) return new AppError('service_unavailable', 'a store this service needs is unavailable; retry');
  return new AppError('internal', 'internal error');
}

/** What a caller sees of any thrown value (see `toAppError`). */
export const toErrorBody = (e: unknown): ErrorBody => toAppError(e).toBody();
