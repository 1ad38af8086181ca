import { type ErrorCode, type HttpMethod, type RequestContract, statusOf } from '@seed/contracts';
import { type JsonSchema, jsonSchemaOf } from './openapi-models.ts';
import { pathParams, readsQuery } from './route-input.ts';

export { type JsonSchema, jsonSchemaOf };

/** Route schema in the form @fastify/swagger reads; documentation only, never used to validate. */
export interface OperationDocs {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  params?: JsonSchema;
  headers?: JsonSchema;
  querystring?: JsonSchema;
  body?: JsonSchema;
  response: Record<string, JsonSchema>;
  security: Record<string, string[]>[];
}

export const BEARER_SCHEME = 'bearerAuth';

const BRANCHES = ['anyOf', 'oneOf', 'allOf'] as const;

/** The schema of field `key`, looked up through union and intersection branches. */
function fieldSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  const own = (schema.properties as Record<string, JsonSchema> | undefined)?.[key];
  if (own) return own;
  for (const branch of BRANCHES)
    for (const s of (schema[branch] as JsonSchema[] | undefined) ?? []) {
      const found = fieldSchema(s, key);
      if (found) return found;
    }
  return undefined;
}

/** `schema` without the fields `keys`, in every branch. */
function withoutFields(schema: JsonSchema, keys: string[]): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    const properties = schema.properties as Record<string, JsonSchema>;
    out.properties = Object.fromEntries(Object.entries(properties).filter(([k]) => !keys.includes(k)));
    const required = ((schema.required as string[] | undefined) ?? []).filter((k) => !keys.includes(k));
    if (required.length) out.required = required;
    else delete out.required;
  }
  for (const branch of BRANCHES)
    if (Array.isArray(schema[branch]))
      out[branch] = (schema[branch] as JsonSchema[]).map((s) => withoutFields(s, keys));
  return out;
}

const hasFields = (schema: JsonSchema): boolean =>
  schema.type !== 'object' || Object.keys((schema.properties as object | undefined) ?? {}).length > 0;

/**
 * Splits a request's JSON schema over the places an HTTP request carries it: path parameters by
 * name, the other fields (less those a header supplies) in the query (GET/DELETE) or the body.
 */
export function splitRequestSchema(
  schema: JsonSchema,
  method: HttpMethod,
  path: string,
  fromHeaders: string[] = [],
): Pick<OperationDocs, 'params' | 'querystring' | 'body'> {
  const names = pathParams(path);
  const params = names.length
    ? {
        params: {
          type: 'object',
          properties: Object.fromEntries(names.map((n) => [n, fieldSchema(schema, n) ?? { type: 'string' }])),
          required: names,
        },
      }
    : {};
  const rest = withoutFields(schema, [...names, ...fromHeaders]);
  if (!hasFields(rest)) return params;
  if (!readsQuery(method)) return { ...params, body: rest };
  // A query string is a flat list of named parameters: only an object's fields can be documented.
  return rest.type === 'object' ? { ...params, querystring: rest } : params;
}

const ALWAYS: ErrorCode[] = [
  'validation_failed',
  'rate_limited',
  'internal',
  'service_unavailable',
  'overloaded',
  'service_timeout',
];
const SIGNED_IN: ErrorCode[] = ['unauthenticated', 'token_expired'];
const WITH_BODY: ErrorCode[] = ['bad_request', 'payload_too_large', 'unsupported_media_type'];

/** The error responses of an operation, one per status, naming every code that status may carry. */
export function errorResponses(contract: RequestContract): Record<string, JsonSchema> {
  const codes = new Set<string>([
    ...contract.errors,
    ...ALWAYS,
    ...(contract.access === 'user' ? SIGNED_IN : []),
    ...(contract.http && !readsQuery(contract.http.method) ? WITH_BODY : []),
    ...(contract.http?.ifMatch ? ['bad_request', 'precondition_required'] : []),
  ]);
  const byStatus = new Map<number, string[]>();
  for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.join(', '),
        type: 'object',
        required: ['error'],
        properties: {
          error: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { code: { enum: list } } }] },
        },
      },
    ]),
  );
}

const ifMatchHeader = (required: boolean): JsonSchema => ({
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      pattern: '^"\\d+"$',
      description: 'The quoted version last read (its ETag), e.g. "7"',
    },
  },
  ...(required ? { required: ['if-match'] } : {}),
});

/** The example's fields a part of the request carries: `names` kept, or (`except`) dropped. */
function pick(example: object, names: string[], except = false): Record<string, unknown> | undefined {
  const entries = Object.entries(example).filter(([k]) => names.includes(k) !== except);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The example in the place each part of it travels: path parameters, then the body or the query. */
function withExample(
  parts: Pick<OperationDocs, 'params' | 'querystring' | 'body'>,
  http: NonNullable<RequestContract['http']>,
  headerFields: string[],
): Pick<OperationDocs, 'params' | 'querystring' | 'body'> {
  const example = http.example as object | undefined;
  if (!example) return parts;
  const params = pathParams(http.path);
  const rest = pick(example, [...params, ...headerFields], true);
  const out = { ...parts };
  if (out.params) {
    const properties = out.params.properties as Record<string, JsonSchema>;
    out.params = {
      ...out.params,
      properties: Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [
          k,
          k in example ? { ...v, examples: [(example as Record<string, unknown>)[k]] } : v,
        ]),
      ),
    };
  }
  if (out.body) out.body = { ...out.body, examples: [rest ?? {}] };
  return out;
}

export function operationDocs(
  contract: RequestContract & { http: NonNullable<RequestContract['http']> },
): OperationDocs {
  const { http } = contract;
  const ifMatchFields = http.ifMatch ? [http.ifMatch.field] : [];
  const reply = jsonSchemaOf(contract.reply, 'output');
  const success = http.raw
    ? { description: 'Success', ...reply }
    : { description: 'Success', type: 'object', required: ['data'], properties: { data: reply } };
  const description = http.description ?? contract.description;
  const request = splitRequestSchema(jsonSchemaOf(contract.request, 'input'), http.method, http.path, ifMatchFields);
  return {
    operationId: contract.subject,
    ...(http.summary ? { summary: http.summary } : {}),
    ...(description ? { description } : {}),
    ...(http.tags ? { tags: http.tags } : {}),
    ...withExample(request, http, ifMatchFields),
    ...(http.ifMatch ? { headers: ifMatchHeader(http.ifMatch.required) } : {}),
    response: { [String(http.status ?? 200)]: success, ...errorResponses(contract) },
    security: contract.access === 'user' ? [{ [BEARER_SCHEME]: [] }] : [{}, { [BEARER_SCHEME]: [] }],
  };
}
