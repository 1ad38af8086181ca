import type { HttpBinding } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, tokenCookie } from './cookies.ts';

type CookieBinding = NonNullable<HttpBinding['cookie']>;

const REFRESH_COOKIE = { name: 'seed_refresh', field: 'refreshToken', path: '/api/v1/auth' } as const;
const REFRESH_MAX_AGE_SEC = 30 * 24 * 3600;

/** The cookie a binding uses, `refreshCookie` being the auth shorthand for the refresh token. */
export function cookieBinding(http: HttpBinding): CookieBinding | undefined {
  if (http.cookie) return http.cookie;
  switch (http.refreshCookie) {
    case 'set':
      return { ...REFRESH_COOKIE, set: true };
    case 'read':
      // Refresh rotates the token: the browser's cookie is read and replaced.
      return { ...REFRESH_COOKIE, read: true, set: true };
    case 'clear':
      return { ...REFRESH_COOKIE, read: true, clear: true };
    default:
      return undefined;
  }
}

/** The version in `If-Match: "7"`; a weak or listed tag cannot guard a write. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^"(\d{1,15})"$/.exec(header.trim());
  if (!match) throw new AppError('bad_request', 'If-Match must be one quoted version, e.g. "7"');
  return Number(match[1]);
}

/** The value at a dotted path of a reply (`playlist.version`). */
export function fieldAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as never)[key] : undefined), value);
}

/** Request headers a binding turns into input fields: the `If-Match` version and a cookie token. */
export function bindRequestHeaders(http: HttpBinding, req: FastifyRequest, input: Record<string, unknown>): void {
  if (http.ifMatch) {
    const version = ifMatchVersion(req.headers['if-match']);
    if (version !== undefined) input[http.ifMatch.field] = version;
    else if (http.ifMatch.required)
      throw new AppError('precondition_required', 'send If-Match with the version you last read');
  }
  const cookie = cookieBinding(http);
  if (cookie?.read && input[cookie.field] === undefined) {
    const value = readCookie(req.headers.cookie, cookie.name);
    if (value) input[cookie.field] = value;
  }
}

/**
 * Reply fields a binding sends as headers: the version as `ETag`, a browser's token as a cookie
 * (and out of the body). Returns the reply to send.
 */
export function bindReplyHeaders(
  http: HttpBinding,
  req: FastifyRequest,
  reply: FastifyReply,
  result: unknown,
): unknown {
  if (http.etag) {
    const version = fieldAt(result, http.etag.field);
    if (version !== undefined && version !== null) reply.header('etag', `"${String(version)}"`);
  }
  const cookie = cookieBinding(http);
  if (!cookie) return result;
  const path = cookie.path ?? '/';
  if (cookie.clear) reply.header('set-cookie', tokenCookie(cookie.name, '', { path, maxAgeSec: 0 }));
  const token = fieldAt(result, cookie.field);
  if (!cookie.set || typeof token !== 'string' || !req.headers.origin) return result;
  reply.header('set-cookie', tokenCookie(cookie.name, token, { path, maxAgeSec: REFRESH_MAX_AGE_SEC }));
  const { [cookie.field]: _, ...rest } = result as Record<string, unknown>;
  return rest;
}
