import { type LegacyPlaycoEnvelope, type LegacyPlaycoSubCode, legacyPlaycoSubCodeOf } from '@seed/contracts';
import { isAppError } from '@seed/runtime';
import type { z } from 'zod';
import { envelope } from './playco-envelope.ts';

/** A legacy request refused before it reached playco (a field missing, no session yet). */
export class LegacyPlaycoRefusal extends Error {
  readonly envelope: LegacyPlaycoEnvelope;
  constructor(subCode: LegacyPlaycoSubCode, message: string, data?: unknown) {
    super(message);
    this.envelope = envelope(subCode, message, data);
  }
}

/** The legacy envelope for any failure; only a fault of ours (or a service down) is SERVER_ERROR. */
export function legacyPlaycoFailure(
  err: unknown,
  notFound: LegacyPlaycoSubCode = 'PLAYLIST_NOT_EXIST',
): LegacyPlaycoEnvelope {
  if (err instanceof LegacyPlaycoRefusal) return err.envelope;
  if (isAppError(err)) {
    const subCode = err.code === 'not_found' ? notFound : legacyPlaycoSubCodeOf[err.code];
    if (subCode)
      return envelope(subCode, err.message, err.details === undefined ? undefined : { details: err.details });
  }
  return envelope('SERVER_ERROR', 'the request could not be served; try again');
}

/** The first of `fields` the payload lacks (absent, null or empty), as the legacy protocol names it. */
export function omittedField(payload: Record<string, unknown>, fields: readonly string[]): string | undefined {
  return fields.find((f) => payload[f] === undefined || payload[f] === null || payload[f] === '');
}

/**
 * The legacy answer to a payload its contract refuses: the first field missing, as the protocol names
 * it; else a `playlist_id` that is no playlist id is an unknown playlist; else the field is unusable.
 */
export function legacyPlaycoRefusalOf(error: z.ZodError, payload: Record<string, unknown>): LegacyPlaycoRefusal {
  const fields = error.issues.map((issue) => String(issue.path[0] ?? ''));
  const omitted = omittedField(payload, fields);
  if (omitted) return new LegacyPlaycoRefusal('PAYLOAD_REQUIRED_OMITTED', `${omitted} is required`, { omitted });
  const [field] = fields;
  if (field === 'playlist_id') return new LegacyPlaycoRefusal('PLAYLIST_NOT_EXIST', 'no such playlist');
  if (field === 'currently_playing')
    return new LegacyPlaycoRefusal('PAYLOAD_INVALID', 'currently_playing must be an item index');
  return new LegacyPlaycoRefusal('PAYLOAD_INVALID', `${field} is invalid`);
}
