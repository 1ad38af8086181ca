import type { HttpBinding } from '@seed/contracts';
import { AppError } from '@seed/runtime';

type InputBinding = Pick<HttpBinding, 'method' | 'bodyOnly'>;

/** Whether the input travels in the query string (GET, DELETE) rather than a JSON body. */
export const readsQuery = (http: InputBinding): boolean =>
  !http.bodyOnly && (http.method === 'GET' || http.method === 'DELETE');

/** The `:name` parameters of a route path, in order. */
export const pathParams = (path: string): string[] =>
  [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One contract input from an HTTP request: the query (GET/DELETE) and the JSON body merged, then the
 * path parameters on top, so the path always names the resource a request acts on.
 */
export function requestInput(
  http: InputBinding,
  parts: { params: unknown; query: unknown; body: unknown },
): Record<string, unknown> {
  if (http.bodyOnly && isPlainObject(parts.query) && Object.keys(parts.query).length > 0)
    throw new AppError('validation_failed', 'send this operation’s input in the JSON body, never in the URL', [
      { path: '', code: 'invalid_type', message: 'no query string: the input goes in the body' },
    ]);
  if (parts.body !== undefined && parts.body !== null && !isPlainObject(parts.body))
    throw new AppError('validation_failed', 'request body must be a JSON object', [
      { path: '', code: 'invalid_type', message: 'expected a JSON object' },
    ]);
  return {
    ...(readsQuery(http) && isPlainObject(parts.query) ? parts.query : {}),
    ...(isPlainObject(parts.body) ? parts.body : {}),
    ...(isPlainObject(parts.params) ? parts.params : {}),
  };
}
