import type { HttpMethod } from '@seed/contracts';
import { AppError } from '@seed/runtime';

export const IDEMPOTENCY_KEY = 'idempotency-key';
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;

/** Methods whose retry could act twice: a client may send an `Idempotency-Key` with them. */
export const takesIdempotencyKey = (method: HttpMethod): boolean => method === 'POST';

/** The request's `Idempotency-Key` (1–255 visible ASCII characters), if it sent one. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY_FORM.test(header)) return header;
  throw new AppError('validation_failed', 'Idempotency-Key must be one value of 1–255 visible ASCII characters', [
    { path: 'Idempotency-Key', code: 'invalid_format', message: 'expected 1–255 visible ASCII characters' },
  ]);
}
