import { badValues } from './bad-values.ts';
import { fields, type JsonSchema, sample } from './json-schema.ts';
import type { Prng } from './prng.ts';

/** A payload to send with an event; `none` sends the acknowledgement callback alone. */
export interface PayloadCase {
  variant: string;
  payload: unknown;
  none?: boolean;
}

/** An accepted-looking payload, then each field bad in turn, then payloads that are no object at all. */
export function payloadCases(
  schema: JsonSchema,
  root: JsonSchema,
  opts: { prng: Prng; perEvent: number; base?: Record<string, unknown> },
): PayloadCase[] {
  const valid = { ...((sample(schema, root) ?? {}) as Record<string, unknown>), ...opts.base };
  const own: PayloadCase[] = [];
  for (const [field, fieldSchema] of fields(schema, root))
    for (const bad of badValues(fieldSchema))
      own.push({ variant: `${field}=${bad.name}`, payload: { ...valid, [field]: bad.value } });
  own.push(
    { variant: 'payload=string', payload: 'not an object' },
    { variant: 'payload=number', payload: 42 },
    { variant: 'payload=null', payload: null },
    { variant: 'payload=array', payload: [1, 2] },
    { variant: 'acknowledgement only', payload: undefined, none: true },
  );
  const picked = opts.perEvent > 0 ? opts.prng.pick(own, opts.perEvent - 1) : own;
  return [{ variant: 'valid-looking', payload: valid }, ...picked];
}
