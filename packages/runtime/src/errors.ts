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

/** What a caller sees of any thrown value: app errors as they are, anything else as `internal`. */
export function toErrorBody(e: unknown): ErrorBody {
  return isAppError(e) ? e.toBody() : { code: 'internal', message: 'internal error' };
}
