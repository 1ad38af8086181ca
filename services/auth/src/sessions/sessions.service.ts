import { createHash } from 'node:crypto';
import { type SessionTokens, type SessionView, sessionRevoked } from '@seed/contracts';
import { AppError, type Caller, type SnowflakeGenerator } from '@seed/runtime';
import type { UserRow } from '../accounts/index.ts';
import { isActive, type UserViews } from '../accounts/index.ts';
import type { AuthStore, Repositories } from '../db/store.ts';
import type { LoginLockout, RateLimiter } from '../limits/index.ts';
import { accountLockSubject, enforce, tooMany } from '../limits/index.ts';
import type { PasswordHasher } from '../passwords/index.ts';
import type { AccessTokenIssuer } from '../tokens/index.ts';
import { hashToken, newOpaqueToken } from '../tokens/index.ts';
import type { RefreshSuccessors, RotatedPair } from './refresh-successors.ts';
import type { Revocations } from './revocations.ts';

export type RevokeReason = 'logout' | 'revoked' | 'refresh_reused' | 'password_changed' | 'account_deleted';

export interface ClientInfo {
  clientIp?: string | undefined;
  userAgent?: string | undefined;
}

/** What `login` was typed as: an email, an E.164 phone, or else a nickname. */
export function loginKind(login: string): 'email' | 'phone' | 'nickname' {
  if (login.includes('@')) return 'email';
  if (/^\+[0-9]+$/.test(login)) return 'phone';
  return 'nickname';
}

/** Sign-in, refresh-token rotation with reuse detection, and signing out. */
export function createSessionsService(deps: {
  store: AuthStore;
  ids: SnowflakeGenerator;
  hasher: PasswordHasher;
  lockout: LoginLockout;
  limiter: RateLimiter;
  accessTokens: AccessTokenIssuer;
  revocations: Revocations;
  views: UserViews;
  successors: RefreshSuccessors;
  refreshTtlSec: number;
  /** A refresh token shown again this soon after its use gets the same new pair instead of ending the session. */
  refreshReuseGraceMs: number;
  loginsPerIpPerMin: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const expiry = () => new Date(now().getTime() + deps.refreshTtlSec * 1000);

  async function tokens(user: UserRow, sessionId: string, refreshToken: string): Promise<SessionTokens> {
    const access = await deps.accessTokens.issue({ userId: user.id, sessionId });
    return {
      accessToken: access.token,
      refreshToken,
      expiresIn: access.expiresIn,
      user: await deps.views.profile(user),
    };
  }

  /** The tokens of a pair one refresh handed out, the access token's lifetime counted from now. */
  async function pairTokens(user: UserRow, pair: RotatedPair): Promise<SessionTokens> {
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresIn: Math.max(1, Math.ceil((pair.accessExpiresAtMs - now().getTime()) / 1000)),
      user: await deps.views.profile(user),
    };
  }

  /** Revokes sessions inside `r`'s transaction; call `afterCommit` with the result. */
  async function revokeIn(r: Repositories, sessions: { id: string; userId: string }[], reason: RevokeReason) {
    await r.devices.removeForSessions(sessions.map((s) => s.id));
    for (const s of sessions) await r.send(sessionRevoked, { userId: s.userId, sessionId: s.id, reason });
    return sessions.map((s) => s.id);
  }

  const service = {
    /** Opens a session inside `r`'s transaction; the tokens are valid once it commits. */
    async open(r: Repositories, user: UserRow, client: ClientInfo): Promise<SessionTokens> {
      const id = deps.ids.next();
      const refreshToken = newOpaqueToken();
      await r.sessions.create({
        id,
        userId: user.id,
        expiresAt: expiry(),
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        ip: client.clientIp ?? null,
        refreshHash: hashToken(refreshToken),
      });
      return tokens(user, id, refreshToken);
    },

    async login(input: { login: string; password: string }, client: ClientInfo): Promise<SessionTokens> {
      await enforce(deps.limiter, `auth:limit:login-ip:${client.clientIp ?? 'unknown'}`, [
        { max: deps.loginsPerIpPerMin, windowMs: 60_000 },
      ]);
      const kind = loginKind(input.login);
      const { users } = deps.store;
      const user =
        kind === 'email'
          ? await users.byEmail(input.login)
          : kind === 'phone'
            ? await users.byPhone(input.login)
            : await users.byNickname(input.login);
      // Unknown logins lock like accounts do, so a lockout does not tell that an account exists.
      const subject = user
        ? accountLockSubject(user.id)
        : `l:${createHash('sha256').update(input.login.toLowerCase()).digest('base64url')}`;
      const { ok, lockedMs, attemptsLeft } = await deps.lockout.attempt(subject, async () =>
        user ? deps.hasher.verify(user.passwordHash, input.password) : deps.hasher.verifyNothing(input.password),
      );
      if (lockedMs > 0) throw tooMany('account_locked', lockedMs);
      if (!ok || !user)
        // Told alike for unknown logins, which lock alike.
        throw new AppError('invalid_credentials', 'wrong login or password', { attemptsLeft });
      if (!isActive(user)) throw new AppError('email_not_verified', 'confirm your email address first');
      return deps.store.transaction((r) => service.open(r, user, client));
    },

    /**
     * Rotates the refresh token. One shown again within `refreshReuseGraceMs` of its use (another tab
     * of the same browser refreshing at the same moment) gets the pair its first use got; after that
     * window it was stolen or replayed, and the whole session ends.
     */
    async refresh(refreshToken: string): Promise<SessionTokens> {
      const t = now();
      const outcome = await deps.store.transaction(async (r) => {
        const found = await r.sessions.refreshForUpdate(hashToken(refreshToken));
        if (!found || found.session.revokedAt || found.token.expiresAt <= t) return { kind: 'invalid' as const };
        const { session, token } = found;
        const user = await r.users.byId(session.userId);
        if (token.usedAt) {
          const inGrace = t.getTime() - token.usedAt.getTime() <= deps.refreshReuseGraceMs;
          const pair =
            inGrace && token.successorSealed ? deps.successors.open(refreshToken, token.successorSealed) : undefined;
          if (pair && user) return { kind: 'again' as const, user, pair };
          const revoked = await r.sessions.revoke(session.id, 'refresh_reused', t);
          return { kind: 'reused' as const, revoked: await revokeIn(r, revoked, 'refresh_reused') };
        }
        if (!user) return { kind: 'invalid' as const };
        const next = newOpaqueToken();
        const access = await deps.accessTokens.issue({ userId: user.id, sessionId: session.id });
        const pair = {
          refreshToken: next,
          accessToken: access.token,
          accessExpiresAtMs: t.getTime() + access.expiresIn * 1000,
        };
        const rotation = {
          oldHash: token.tokenHash,
          newHash: hashToken(next),
          successorSealed: deps.successors.seal(refreshToken, pair),
        };
        await r.sessions.rotate(session.id, rotation, expiry(), t);
        return { kind: 'rotated' as const, user, pair };
      });
      if (outcome.kind === 'invalid') throw new AppError('refresh_invalid', 'sign in again');
      if (outcome.kind === 'reused') {
        await deps.revocations.add(outcome.revoked);
        throw new AppError('refresh_reused', 'this refresh token was already used; the session is signed out');
      }
      return pairTokens(outcome.user, outcome.pair);
    },

    async logout(caller: Caller | undefined, refreshToken: string | undefined): Promise<void> {
      let sessionId = caller?.sessionId;
      if (!sessionId && refreshToken) sessionId = await deps.store.sessions.sessionOfRefresh(hashToken(refreshToken));
      if (!sessionId) throw new AppError('unauthenticated', 'no session to sign out');
      await service.revoke(sessionId, 'logout');
    },

    async list(caller: Caller): Promise<SessionView[]> {
      const rows = await deps.store.sessions.listLive(caller.userId, now());
      return rows.map((s) => ({
        id: s.id,
        current: s.id === caller.sessionId,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
      }));
    },

    /** Signs out one of the caller's sessions; another user's is `not_found`. */
    async revokeOwn(caller: Caller, sessionId: string): Promise<void> {
      const s = await deps.store.sessions.byId(sessionId);
      if (!s || s.userId !== caller.userId) throw new AppError('not_found', 'no such session');
      await service.revoke(sessionId, 'revoked');
    },

    async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
      const ids = await deps.store.transaction(async (r) =>
        revokeIn(r, await r.sessions.revoke(sessionId, reason, now()), reason),
      );
      // Even a session already ended is listed: a second logout must not leave its token usable.
      await deps.revocations.add(ids.length ? ids : [sessionId]);
    },

    /** Revokes every session of a user (but `exceptSessionId`) inside `r`'s transaction. */
    async revokeAllIn(r: Repositories, userId: string, reason: RevokeReason, exceptSessionId?: string) {
      return revokeIn(r, await r.sessions.revokeAllOf(userId, reason, now(), exceptSessionId), reason);
    },
  };
  return service;
}
export type SessionsService = ReturnType<typeof createSessionsService>;
