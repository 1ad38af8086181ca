import { isStringSchema, type JsonSchema } from './json-schema.ts';

/** A named bad value: what a careless or hostile client sends in one field. */
export interface BadValue {
  name: string;
  value: unknown;
}

const HUGE = 'x'.repeat(200_000);

/** Values that break a field's contract: oversized ids, control characters, huge strings, wrong types. */
export function badValues(field: JsonSchema): BadValue[] {
  const common: BadValue[] = [
    { name: 'null', value: null },
    { name: 'array', value: ['a', 1] },
    { name: 'object', value: { nested: { deeper: 'x' } } },
    { name: 'proto object', value: JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') },
    { name: 'boolean', value: true },
  ];
  const asText: BadValue[] = [
    { name: 'id beyond 64 bits', value: '99999999999999999999' },
    { name: 'id 2^63', value: '9223372036854775808' },
    { name: 'negative id', value: '-1' },
    { name: 'NUL', value: 'fuzz\u0000byte' },
    { name: 'control characters', value: '\u001b[2J\u0007\u0008' },
    { name: 'lone surrogate', value: 'a\ud800b' },
    { name: 'huge string', value: HUGE },
    { name: 'empty string', value: '' },
    { name: 'sql-looking', value: "1'; drop table users; --" },
    { name: 'number for text', value: 1e19 },
  ];
  const asNumber: BadValue[] = [
    { name: 'huge number', value: 1e308 },
    { name: 'int above 2^31', value: 2 ** 31 },
    { name: 'int above 2^53', value: 2 ** 60 },
    { name: 'negative', value: -1 },
    { name: 'fraction', value: 1.5 },
    { name: 'numeric string', value: '7' },
    { name: 'text for number', value: 'seven' },
  ];
  return [...common, ...(isStringSchema(field) ? asText : [...asNumber, ...asText.slice(0, 4)])];
}

/** Bad path segments (already percent-encoded where needed). */
export const BAD_PATH_SEGMENTS: BadValue[] = [
  { name: 'id beyond 64 bits', value: '99999999999999999999' },
  { name: 'id 2^63', value: '9223372036854775808' },
  { name: 'NUL', value: '1%00' },
  { name: 'control character', value: '%1B%5B2J' },
  { name: 'bad percent-encoding', value: '%E0%A4%A' },
  { name: 'too long', value: '7'.repeat(5_000) },
  { name: 'dot segments', value: '..%2F..%2Fetc' },
  { name: 'unicode', value: '%F0%9F%92%A5' },
];

/** Whole bodies that are not what any operation takes. */
export const BAD_BODIES: BadValue[] = [
  { name: 'JSON array body', value: '[1,2,3]' },
  { name: 'JSON string body', value: '"text"' },
  { name: 'invalid JSON', value: '{"a":' },
  { name: '__proto__ key', value: '{"__proto__":{"isAdmin":true}}' },
  { name: 'deep nesting', value: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
  { name: 'NUL key', value: '{"a\\u0000b":1}' },
];
