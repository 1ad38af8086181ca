/** Just enough of JSON Schema to build a value an operation accepts, from the API documents. */
export type JsonSchema = Record<string, unknown>;

/** Follows local `$ref`s (`#/components/schemas/X`) within `root`. */
export function resolve(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    let target: unknown = root;
    for (const part of (s.$ref as string).replace(/^#\//, '').split('/')) target = (target as JsonSchema)?.[part];
    s = (target as JsonSchema) ?? {};
  }
  return s;
}

const typeOf = (s: JsonSchema): string | undefined => {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return t as string | undefined;
};

function sampleString(s: JsonSchema): string {
  const pattern = String(s.pattern ?? '');
  const min = Number(s.minLength ?? 1);
  if (s.format === 'date-time') return new Date().toISOString();
  if (s.format === 'email') return 'fuzz@example.com';
  if (s.format === 'uri' || s.format === 'url' || /https?/.test(pattern)) return 'https://example.com/fuzz';
  if (/\+\[1-9\]|\\\+/.test(pattern)) return '+821012345678';
  if (/\[0-9\]|\\d/.test(pattern)) return '1234567'.padEnd(Math.max(min, 6), '1').slice(0, Math.max(min, 6));
  return 'fuzz'.padEnd(Math.max(min, 4), 'z');
}

/** A value `schema` accepts, as far as these rules go (first branch of a union, required fields only). */
export function sample(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): unknown {
  const s = resolve(schema, root);
  if (depth > 8) return undefined;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ['oneOf', 'anyOf'] as const)
    if (Array.isArray(s[key])) return sample((s[key] as JsonSchema[])[0], root, depth + 1);
  if (Array.isArray(s.allOf))
    return Object.assign({}, ...(s.allOf as JsonSchema[]).map((part) => sample(part, root, depth + 1)));
  switch (typeOf(s)) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, sample(properties[k], root, depth + 1)]));
    }
    case 'array':
      return Number(s.minItems ?? 0) > 0 ? [sample(s.items as JsonSchema, root, depth + 1)] : [];
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return Number(s.minimum ?? s.exclusiveMinimum ?? 1) + (s.exclusiveMinimum !== undefined ? 1 : 0);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** The fields a client fills in: an object's properties (through one union branch), with their schemas. */
export function fields(schema: JsonSchema | undefined, root: JsonSchema): [string, JsonSchema][] {
  const s = resolve(schema, root);
  for (const key of ['oneOf', 'anyOf'] as const)
    if (Array.isArray(s[key])) return fields((s[key] as JsonSchema[])[0], root);
  if (Array.isArray(s.allOf)) return (s.allOf as JsonSchema[]).flatMap((part) => fields(part, root));
  return Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([k, v]) => [k, resolve(v, root)]);
}

export const isStringSchema = (s: JsonSchema) => typeOf(s) === 'string';
