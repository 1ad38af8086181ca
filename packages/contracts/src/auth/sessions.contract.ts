import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id, Timestamp } from '../ids.ts';
import { GivenPassword, OpaqueToken, SessionTokens } from './schemas.ts';

/**
 * Served by auth; called by clients. `login` is an email, an E.164 phone or a nickname. A wrong
 * password and an unknown account answer the same `invalid_credentials` in the same time, with
 * `details.attemptsLeft`; after 5 failures in 15 minutes the account is locked for 15 minutes
 * (`account_locked`, 429 with `details.retryAfterMs`). An account whose email and phone are both unverified answers
 * `email_not_verified` once the password is right. Rate limited per IP.
 */
export const login = defineRequest({
  subject: 'auth.session.create',
  access: 'public',
  request: z.strictObject({ login: z.string().trim().min(1).max(254), password: GivenPassword }),
  reply: SessionTokens,
  errors: ['invalid_credentials', 'account_locked', 'email_not_verified', 'rate_limited'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/login',
    tags: ['auth'],
    refreshCookie: 'set',
    summary: 'Sign in',
    description:
      "Signs in with an email, an E.164 phone or a nickname and the password, and answers the session's tokens (browsers get the refresh token in an HttpOnly cookie). A wrong password and an unknown account answer the same `invalid_credentials`; five failures in 15 minutes lock the account for 15 minutes (`account_locked`, 429). An account with neither email nor phone verified answers `email_not_verified`.",
    example: { login: 'ada', password: 'correct horse battery' },
  },
});

/**
 * Served by auth; called by clients. Rotates the refresh token (apps send it in the body, browsers
 * in the cookie). One presented again within `AUTH_REFRESH_REUSE_GRACE_MS` (10 s) of its use gets the
 * same new pair (two tabs refreshing at once); later, it revokes the whole session (`refresh_reused`).
 */
export const refreshSession = defineRequest({
  subject: 'auth.session.refresh',
  access: 'public',
  request: z.strictObject({ refreshToken: OpaqueToken }),
  reply: SessionTokens,
  errors: ['refresh_invalid', 'refresh_reused'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/refresh',
    tags: ['auth'],
    refreshCookie: 'read',
    summary: 'Refresh the access token',
    description:
      'Rotates the refresh token and answers new tokens. Apps send `refreshToken` in the body, browsers send nothing (the cookie is read). A refresh token works once: presenting a used one revokes the whole session (`refresh_reused`).',
    example: { refreshToken: 'Lr9Qv2Xc7Wk4Tb8Yz1Mn6Hs3Pd5Fg0Ja' },
  },
});

/**
 * Served by auth; called by clients. Revokes the caller's session (named by the access token, or
 * by the refresh token when the access token has lapsed). Idempotent.
 */
export const logout = defineRequest({
  subject: 'auth.session.end',
  access: 'public',
  request: z.strictObject({ refreshToken: OpaqueToken.optional() }),
  reply: z.object({ loggedOut: z.literal(true) }),
  errors: ['unauthenticated'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/logout',
    tags: ['auth'],
    refreshCookie: 'clear',
    summary: 'Sign out',
    description:
      "Ends the current session (named by the access token, or by the refresh token when the access token has lapsed) and clears the browser's refresh cookie. Its sockets are disconnected. Idempotent.",
    example: {},
  },
});

export const SessionView = z.object({
  id: Id,
  /** True for the session the request came from. */
  current: z.boolean(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
  expiresAt: Timestamp,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

/** Served by auth; called by clients. The caller's live sessions (devices), newest first. */
export const listSessions = defineRequest({
  subject: 'auth.session.list',
  access: 'user',
  request: z.strictObject({}),
  reply: z.array(SessionView),
  http: {
    method: 'GET',
    path: '/api/v1/auth/sessions',
    tags: ['auth'],
    summary: 'List my sessions',
    description:
      "The caller's live sessions (devices), newest first; `current` marks the one the request came from. A session's `id` is the `sid` claim of its tokens.",
  },
});

/**
 * Served by auth; called by clients. Signs one of the caller's sessions out; another user's
 * session is `not_found`. Idempotent for the caller's own sessions.
 */
export const revokeSession = defineRequest({
  subject: 'auth.session.revoke',
  access: 'user',
  request: z.strictObject({ id: Id }),
  reply: z.object({ revoked: z.literal(true) }),
  errors: ['not_found'],
  http: {
    method: 'DELETE',
    path: '/api/v1/auth/sessions/:id',
    tags: ['auth'],
    summary: 'Sign a session out',
    description:
      "Ends one of the caller's sessions: its tokens stop working and its sockets are disconnected. Another user's session is `not_found`.",
    example: { id: '7269113840051617792' },
  },
});
