import type { HttpBinding } from '@seed/contracts';

export interface PreparedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const readsQuery = (method: string) => method === 'GET' || method === 'DELETE';
const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);

function appendQuery(params: URLSearchParams, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) for (const v of value) appendQuery(params, key, v);
  else params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/**
 * The HTTP request for one contract input, as the gateway reads it back: path parameters from
 * their fields, the `If-Match` field as the quoted version, the rest in the query (GET, DELETE)
 * or a JSON body.
 */
export function prepareRequest(baseUrl: string, http: HttpBinding, input: object | undefined): PreparedRequest {
  const fields: Record<string, unknown> = { ...input };
  const headers: Record<string, string> = { accept: 'application/json' };
  let path = http.path;
  for (const name of pathParams(http.path)) {
    const value = fields[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`${http.path}: ${name} is required`);
    path = path.replace(`:${name}`, encodeURIComponent(String(value)));
    delete fields[name];
  }
  if (http.ifMatch) {
    const version = fields[http.ifMatch.field];
    if (version !== undefined && version !== null) headers['if-match'] = `"${version}"`;
    delete fields[http.ifMatch.field];
  }
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (readsQuery(http.method)) {
    for (const [key, value] of Object.entries(fields)) appendQuery(url.searchParams, key, value);
    return { url: url.toString(), method: http.method, headers };
  }
  headers['content-type'] = 'application/json';
  return { url: url.toString(), method: http.method, headers, body: JSON.stringify(fields) };
}
