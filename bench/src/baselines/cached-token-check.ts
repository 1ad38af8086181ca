import { hash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

/** Who a verified access token speaks for. */
export interface TokenCaller {
  userId: string;
  sessionId: string;
}

interface Remembered {
  caller: TokenCaller;
  exp: number;
  kid: string;
}

export interface TokenCheckOptions {
  publicJwk: JWK;
  issuer: string;
  audience: string;
  /** Holds `auth:revoked:<sid>` for signed-out sessions, as auth writes them. */
  redis: Redis;
  /** How many verified tokens to remember. */
  max?: number;
  now?: () => number;
}

const CLOCK_TOLERANCE_S = 5;

/**
 * The token check a careful single-process server writes, done the way the gateway does it: the
 * EdDSA signature and claims are checked once per token and remembered (keyed by a SHA-256 of
 * the token); on every use the expiry is checked, the signing key must still be trusted, and the
 * session must not be revoked in Redis. Undefined for a token that does not pass.
 */
export function createCachedTokenCheck(opts: TokenCheckOptions) {
  const keySet = createLocalJWKSet({ keys: [opts.publicJwk] });
  const trustedKids = new Set([opts.publicJwk.kid]);
  const now = opts.now ?? Date.now;
  const verified = new LRUCache<string, Remembered>({ max: opts.max ?? 20_000 });
  const keyOf = (token: string) => hash('sha256', token, 'base64url');
  const revoked = async (sessionId: string) => (await opts.redis.exists(`auth:revoked:${sessionId}`)) > 0;

  async function verifyFully(token: string): Promise<Remembered | undefined> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keySet, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms: ['EdDSA'],
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'sub', 'sid'],
      });
      const { sub, sid, exp } = payload as { sub: string; sid: unknown; exp: number };
      if (typeof sid !== 'string' || !protectedHeader.kid) return undefined;
      return { caller: { userId: sub, sessionId: sid }, exp, kid: protectedHeader.kid };
    } catch {
      return undefined;
    }
  }

  return async function check(authorization: string | undefined): Promise<TokenCaller | undefined> {
    if (!authorization?.startsWith('Bearer ')) return undefined;
    const token = authorization.slice(7);
    const key = keyOf(token);
    let known = verified.get(key);
    if (known && (known.exp <= Math.floor(now() / 1000) - CLOCK_TOLERANCE_S || !trustedKids.has(known.kid))) {
      verified.delete(key);
      known = undefined;
    }
    if (!known) {
      known = await verifyFully(token);
      if (!known) return undefined;
      verified.set(key, known);
    }
    return (await revoked(known.caller.sessionId)) ? undefined : known.caller;
  };
}

export type CachedTokenCheck = ReturnType<typeof createCachedTokenCheck>;
