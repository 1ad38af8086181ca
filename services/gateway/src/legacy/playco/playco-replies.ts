import { type SeedEnvelope, type SeedSubCode, seedEnvelope } from '@seed/contracts';
import { isAppError } from '@seed/runtime';
import type { z } from 'zod';

/** A seed request refused before it reached playco (a field missing, no session yet). */
export class SeedRefusal extends Error {
  readonly envelope: SeedEnvelope;
  constructor(subCode: SeedSubCode, message: string, data?: unknown) {
    super(message);
    this.envelope = seedEnvelope(subCode, message, data);
  }
}

const SUB_CODE_OF: Record<string, SeedSubCode> = {
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

/** The seed envelope for any failure; only a fault of ours (or a service down) is SERVER_ERROR. */
export function seedFailure(err: unknown, notFound: SeedSubCode = 'PLAYLIST_NOT_EXIST'): SeedEnvelope {
  if (err instanceof SeedRefusal) return err.envelope;
  if (isAppError(err)) {
    const subCode = err.code === 'not_found' ? notFound : SUB_CODE_OF[err.code];
    if (subCode)
      return seedEnvelope(subCode, err.message, err.details === undefined ? undefined : { details: err.details });
  }
  return seedEnvelope('SERVER_ERROR', 'the request could not be served; try again');
}

/** The first of `fields` the payload lacks (absent, null or empty), as the seed names it. */
export function omittedField(payload: Record<string, unknown>, fields: readonly string[]): string | undefined {
  return fields.find((f) => payload[f] === undefined || payload[f] === null || payload[f] === '');
}

/**
 * The seed's answer to a payload its contract refuses: the first field missing, as the seed names
 * it; else a `playlist_id` that is no playlist id is an unknown playlist; else the field is unusable.
 */
export function seedRefusalOf(error: z.ZodError, payload: Record<string, unknown>): SeedRefusal {
  const fields = error.issues.map((issue) => String(issue.path[0] ?? ''));
  const omitted = omittedField(payload, fields);
  if (omitted) return new SeedRefusal('PAYLOAD_REQUIRED_OMITTED', `${omitted} is required`, { omitted });
  const [field] = fields;
  if (field === 'playlist_id') return new SeedRefusal('PLAYLIST_NOT_EXIST', 'no such playlist');
  if (field === 'currently_playing')
    return new SeedRefusal('PAYLOAD_INVALID', 'currently_playing must be an item index');
  return new SeedRefusal('PAYLOAD_INVALID', `${field} is invalid`);
}
