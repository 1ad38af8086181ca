import type { z } from 'zod';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEL = 0x7f;

/**
 * C0 control characters but tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL
 * in text, and the others have no place in names or messages (terminal escapes, bells).
 */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DEL || (c < 0x20 && c !== TAB && c !== LINE_FEED && c !== CARRIAGE_RETURN)) return true;
  }
  return false;
}
const MESSAGE = 'must not contain control characters';

function refuseControlCharacters(value: unknown, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  if (typeof value === 'string') {
    if (hasControlCharacter(value)) ctx.addIssue({ code: 'custom', message: MESSAGE, path, input: value });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) refuseControlCharacters(item, ctx, [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacter(key))
        ctx.addIssue({ code: 'custom', message: MESSAGE, path: [...path, key], input: key });
      refuseControlCharacters(item, ctx, [...path, key]);
    }
  }
}

const checked = new WeakMap<z.ZodType, z.ZodType>();

/**
 * What every contract applies to what a client sends (requests, client socket events, client
 * frames): no string anywhere in the parsed input, keys included, holds a control character.
 * A schema shared by several contracts stays one schema.
 */
export function clientInput<S extends z.ZodType>(schema: S): S {
  let refined = checked.get(schema);
  if (!refined) {
    refined = schema.superRefine((value, ctx) => refuseControlCharacters(value, ctx, []));
    checked.set(schema, refined);
  }
  return refined as S;
}
