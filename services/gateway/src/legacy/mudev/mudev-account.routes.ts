import {
  LEGACY_MUDEV_PREFIX,
  LEGACY_MUDEV_REFRESH_COOKIE,
  login,
  logout,
  MudevSignIn,
  MudevSignUp,
  refreshSession,
  signup,
} from '@seed/contracts';
import { isAppError } from '@seed/runtime';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, tokenCookie } from '../../http/index.ts';
import { contractCallFor, type LegacyHttpDeps } from '../legacy-http.ts';
import { FrostFailure, frost } from './frost.ts';
import { parseBody } from './mudev-input.ts';
import { mudevSignedIn } from './mudev-views.ts';

const COOKIE_PATH = `${LEGACY_MUDEV_PREFIX}/account`;
const REFRESH_MAX_AGE_SEC = 30 * 24 * 3600;

/** The refresh token goes to the browser's cookie jar, for the account routes only. */
function keepRefreshToken(reply: FastifyReply, token: string | undefined) {
  if (token)
    reply.header(
      'set-cookie',
      tokenCookie(LEGACY_MUDEV_REFRESH_COOKIE, token, { path: COOKIE_PATH, maxAgeSec: REFRESH_MAX_AGE_SEC }),
    );
}

const forgetRefreshToken = (reply: FastifyReply) =>
  reply.header('set-cookie', tokenCookie(LEGACY_MUDEV_REFRESH_COOKIE, '', { path: COOKIE_PATH, maxAgeSec: 0 }));

const refreshTokenOf = (req: FastifyRequest) => readCookie(req.headers.cookie, LEGACY_MUDEV_REFRESH_COOKIE);

/** Why a sign-up field was refused, in FROST's words for it. */
function signUpProblem(path: string, code: string): Record<string, string> {
  const field = { nickname: 'id', name: 'nick', password: 'pw', email: 'email' }[path] ?? path;
  if (field === 'email') return { email: 'NOT_A_VALID_EMAIL_ADDRESS' };
  if (code === 'too_small') return { [field]: 'TOO_SHORT' };
  if (code === 'too_big') return { [field]: 'TOO_LONG' };
  return { [field]: 'FORBIDDEN_CHAR' };
}

/**
 * FROST's account routes: sign in by email or nickname, sign up, refresh and sign out, the refresh
 * token in an HttpOnly cookie as the client expects (it sends none in bodies).
 */
export const mudevAccountRoutes: FastifyPluginAsync<LegacyHttpDeps> = async (fastify, deps) => {
  fastify.post('/account/signin', async (req, reply) => {
    const { id, pw } = parseBody(MudevSignIn, req.body);
    const tokens = await contractCallFor(deps, req)(login, { login: id, password: pw });
    keepRefreshToken(reply, tokens.refreshToken);
    return frost(200, 'user.sign_in', mudevSignedIn(tokens), 'signed in');
  });

  fastify.post('/account/signup', async (req, reply) => {
    const body = parseBody(MudevSignUp, req.body);
    try {
      const done = await contractCallFor(deps, req)(signup, {
        email: body.email,
        password: body.pw,
        nickname: body.id,
        ...(body.nick ? { name: body.nick } : {}),
      });
      reply.code(201);
      if ('pending' in done)
        return frost(201, 'user.sign_up_but_need_email_verification', {}, 'confirm your email address, then sign in');
      keepRefreshToken(reply, done.refreshToken);
      return frost(201, 'user.sign_up', mudevSignedIn(done), 'welcome');
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      const [issue] = (err.details ?? []) as { path: string; code: string }[];
      throw new FrostFailure(422, 'request.body.bad_semantics', {
        bad_semantics: [signUpProblem(issue?.path ?? '', issue?.code ?? '')],
      });
    }
  });

  fastify.post('/account/refresh', async (req, reply) => {
    const refreshToken = refreshTokenOf(req);
    if (!refreshToken) throw new FrostFailure(401, 'user.not_signed_in', {}, 'sign in first');
    try {
      const tokens = await contractCallFor(deps, req)(refreshSession, { refreshToken });
      keepRefreshToken(reply, tokens.refreshToken);
      return frost(200, 'access_token.refreshed', mudevSignedIn(tokens), 'refreshed');
    } catch (err) {
      if (isAppError(err) && err.status === 401) forgetRefreshToken(reply);
      throw err;
    }
  });

  fastify.post('/account/signout', async (req, reply) => {
    const refreshToken = refreshTokenOf(req);
    forgetRefreshToken(reply);
    if (!refreshToken) return frost(200, 'user.sign_out', {}, 'already signed out');
    try {
      await contractCallFor(deps, req)(logout, { refreshToken });
    } catch (err) {
      // A token that no longer names a session: signed out already.
      if (!isAppError(err) || (err.code !== 'unauthenticated' && err.code !== 'validation_failed')) throw err;
    }
    return frost(200, 'user.sign_out', {}, 'goodbye');
  });
};
