import { BAD_BODIES, BAD_PATH_SEGMENTS, badValues } from './bad-values.ts';
import { fields, type JsonSchema, resolve, sample } from './json-schema.ts';
import type { Prng } from './prng.ts';

/** One HTTP request the fuzzer sends; `id` names it for a replay (`--only=<id>`). */
export interface HttpCase {
  id: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
  security?: Record<string, string[]>[];
}

const JSON_TYPE = 'application/json';
/** What a client uploads where an operation takes bytes (the files route): a few, not JSON. */
const SOME_BYTES = '\u0089PNG\r\n\u001a\n fuzz bytes';

/** The documented example of a parameter, else a value its schema accepts. */
const parameterValue = (p: Parameter, root: JsonSchema) => p.example ?? sample(p.schema, root);

const queryString = (query: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * Requests built from the OpenAPI document: for each operation a request it would accept, then
 * the same with one field (body, query or path) replaced by a bad value, and bodies no operation
 * takes. `perOperation` caps the cases of each operation (seeded pick); 0 keeps them all.
 */
export function httpCases(openapi: JsonSchema, opts: { token: string; prng: Prng; perOperation: number }): HttpCase[] {
  const cases: HttpCase[] = [];
  const paths = (openapi.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [template, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      const signedIn = (op.security ?? []).every((s) => Object.keys(s).length > 0) && (op.security ?? []).length > 0;
      const headers: Record<string, string> = signedIn ? { authorization: `Bearer ${opts.token}` } : {};
      const params = op.parameters ?? [];
      const pathValues = Object.fromEntries(
        params.filter((p) => p.in === 'path').map((p) => [p.name, String(parameterValue(p, openapi) ?? '1')]),
      );
      const query = Object.fromEntries(
        params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, parameterValue(p, openapi)]),
      );
      const json = op.requestBody?.content?.[JSON_TYPE];
      const bodySchema = json?.schema;
      // The operation's documented example where it has one: a request that gets past validation.
      const body = bodySchema ? ((json?.example ?? sample(bodySchema, openapi)) as Record<string, unknown>) : undefined;
      const bytesType = Object.keys(op.requestBody?.content ?? {}).find((type) => type !== JSON_TYPE);
      const pathOf = (values: Record<string, string>) =>
        template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '1');
      const name = op.operationId ?? `${upper} ${template}`;
      const make = (
        variant: string,
        parts: { path?: string; query?: object; body?: unknown; raw?: string },
      ): HttpCase => ({
        id: `${name}#${variant}`,
        method: upper,
        path: `${parts.path ?? pathOf(pathValues)}${queryString({ ...query, ...parts.query })}`,
        headers: {
          ...headers,
          ...(parts.raw !== undefined || parts.body !== undefined || body
            ? { 'content-type': 'application/json' }
            : {}),
        },
        ...(parts.raw !== undefined
          ? { body: parts.raw }
          : parts.body !== undefined || body
            ? { body: JSON.stringify(parts.body ?? body) }
            : {}),
      });

      const valid = make('valid-looking', {});
      const own: HttpCase[] = [
        bytesType && !bodySchema
          ? { ...valid, headers: { ...valid.headers, 'content-type': bytesType }, body: SOME_BYTES }
          : valid,
      ];
      if (bodySchema)
        for (const [field, schema] of fields(bodySchema, openapi))
          for (const bad of badValues(schema))
            own.push(make(`body.${field}=${bad.name}`, { body: { ...body, [field]: bad.value } }));
      for (const p of params.filter((x) => x.in === 'query'))
        for (const bad of badValues(resolve(p.schema, openapi)))
          own.push(make(`query.${p.name}=${bad.name}`, { query: { [p.name]: bad.value } }));
      for (const p of params.filter((x) => x.in === 'path'))
        for (const bad of BAD_PATH_SEGMENTS)
          own.push(
            make(`path.${p.name}=${bad.name}`, { path: pathOf({ ...pathValues, [p.name]: String(bad.value) }) }),
          );
      if (upper !== 'GET') for (const bad of BAD_BODIES) own.push(make(`body=${bad.name}`, { raw: String(bad.value) }));
      if (upper === 'POST')
        own.push({
          ...make('idempotency-key=too long', {}),
          headers: { ...make('x', {}).headers, 'idempotency-key': 'k'.repeat(300) },
        });
      cases.push(
        ...(opts.perOperation > 0 ? [own[0] as HttpCase, ...opts.prng.pick(own.slice(1), opts.perOperation - 1)] : own),
      );
    }
  }
  return cases;
}
