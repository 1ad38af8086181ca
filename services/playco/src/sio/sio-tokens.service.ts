import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@seed/runtime';
import type { SioTokensRepository } from './sio-tokens.repository.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** An expired token is still recognised this long, so its holder hears "expired", not "invalid". */
const EXPIRED_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * The legacy protocol's Socket.IO tokens: opaque, random, stored hashed; bound to the socket id and the
 * client's csrf token they were issued for.
 */
export function createSioTokens(deps: { repo: SioTokensRepository; ttlMs: number; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async issue(userId: string, sid: string, csrfToken: string) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = now() + deps.ttlMs;
      await deps.repo.save(
        sha256(token),
        { userId, sid, csrfHash: sha256(csrfToken), expiresAt },
        deps.ttlMs + EXPIRED_GRACE_MS,
      );
      return { token, exp: new Date(expiresAt).toISOString() };
    },

    async verify(token: string, sid: string, csrfToken: string) {
      const stored = await deps.repo.find(sha256(token));
      if (!stored || stored.sid !== sid || !sameHash(stored.csrfHash, sha256(csrfToken)))
        throw new AppError('sio_token_invalid', 'the Socket.IO token is not valid for this socket');
      if (now() >= stored.expiresAt) throw new AppError('sio_token_expired', 'the Socket.IO token expired');
      return { userId: stored.userId, expiresAt: new Date(stored.expiresAt).toISOString() };
    },
  };
}

export type SioTokens = ReturnType<typeof createSioTokens>;
