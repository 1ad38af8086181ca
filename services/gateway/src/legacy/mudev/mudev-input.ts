import { Id } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { z } from 'zod';
import { ifMatchVersion } from '../../http/index.ts';
import { FrostFailure } from './frost.ts';

/** A body as its schema reads it; a missing field is FROST's `request.body.omitted`, a bad one `bad_semantics`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const given = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields = parsed.error.issues.map((issue) => String(issue.path[0] ?? ''));
  const lacks = fields.filter((f) => given[f] === undefined || given[f] === null);
  if (lacks.length) throw new FrostFailure(400, 'request.body.omitted', { lacks }, `${lacks.join(', ')} required`);
  throw new FrostFailure(
    422,
    'request.body.bad_semantics',
    { bad_semantics: parsed.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })) },
    'the body has invalid fields',
  );
}

const itemNotFound = () =>
  new FrostFailure(404, 'resource.not_found', { resource_name: 'playco_playlist_item' }, 'no such item');

/** A playlist id of the path; anything else names no playlist. */
export function playlistIdOf(value: string): string {
  if (!Id.safeParse(value).success)
    throw new FrostFailure(404, 'resource.not_found', { resource_name: 'playco_playlist' }, 'no such playlist');
  return value;
}

/** An item index of the path. */
export function itemIndexOf(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw itemNotFound();
  return Number(value);
}

/** The item at `index` of a playlist's items. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (!item) throw itemNotFound();
  return item;
}

/** The version the client last read, from its `If-Match` (the ETag it was sent, `"7"`). */
export function expectedVersion(header: string | undefined): number {
  let version: number | undefined;
  try {
    version = ifMatchVersion(header);
  } catch {
    throw new FrostFailure(400, 'request.header.invalid', { fields: ['If-Match'] }, 'If-Match is the ETag sent');
  }
  if (version === undefined) throw new AppError('precondition_required', 'send If-Match with the ETag you last read');
  return version;
}
