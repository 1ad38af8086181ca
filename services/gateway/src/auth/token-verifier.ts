import { getJwks } from '@seed/contracts';
import {
  AppError,
  type Caller,
  isAppError,
  type Logger,
  type NatsConnection,
  type Redis,
  request,
} from '@seed/runtime';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { createJwksCache } from './jwks-cache.ts';
import { createVerifiedTokens, type VerifiedToken } from './verified-tokens.ts';

export interface TokenVerifierOptions {
  nc: NatsConnection;
  /** Holds `auth:revoked:<sid>` for sessions signed out before their tokens expire. */
  redis: Redis;
  issuer: string;
  audience: string;
  /** Accepted signature algorithms; only asymmetric ones belong here. */
  algorithms: readonly string[];
  logger: Logger;
  /** The contract that serves auth's public keys (a test may serve them under its own subject). */
  jwksContract?: typeof getJwks;
  clockToleranceSec?: number;
  unknownKidCooldownMs?: number;
  jwksMaxAgeMs?: number;
  /** How many verified tokens to remember (signature and claims checked once per token). */
  verifiedTokensMax?: number;
  /** Milliseconds since the epoch (tests move time). */
  now?: () => number;
}

export interface TokenVerifier {
  /**
   * The caller an access token speaks for. Throws AppError `token_expired` for an expired token,
   * `unauthenticated` for any other bad, unknown-key or revoked token, and `service_unavailable`
   * when auth's keys or the revocation list cannot be read.
   */
  verify(token: string): Promise<Caller>;
  /**
   * `verify(token)` when the token's signature and claims were already checked: cheap, and its
   * revocation lookup is sent before this returns. Undefined when the token needs a full check.
   */
  verifyIfCached(token: string): Promise<Caller> | undefined;
}

const MAX_TOKEN_LENGTH = 8_192;
const revokedKey = (sessionId: string) => `auth:revoked:${sessionId}`;
const unauthenticated = (message: string) => new AppError('unauthenticated', message);

/**
 * Verifies access tokens locally against auth's JWKS (fetched over NATS, cached). A token's
 * signature and claims are checked once and remembered until it expires; its session's revocation
 * and its key being still published are checked on every use.
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const jwksContract = opts.jwksContract ?? getJwks;
  const algorithms = [...opts.algorithms];
  const now = opts.now ?? Date.now;
  const clockToleranceSec = opts.clockToleranceSec ?? 5;
  const keys = createJwksCache({
    fetch: () => request(opts.nc, jwksContract, {}),
    logger: opts.logger,
    unknownKidCooldownMs: opts.unknownKidCooldownMs ?? 10_000,
    maxAgeMs: opts.jwksMaxAgeMs ?? 10 * 60_000,
    now,
  });
  const verified = createVerifiedTokens({ max: opts.verifiedTokensMax ?? 20_000 });

  async function isRevoked(sessionId: string): Promise<boolean> {
    try {
      return (await opts.redis.exists(revokedKey(sessionId))) > 0;
    } catch (err) {
      opts.logger.error({ err }, 'revocation check failed');
      throw new AppError('service_unavailable', 'cannot check the session');
    }
  }

  async function checkSignatureAndClaims(token: string): Promise<VerifiedToken> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('malformed token');
    }
    if (!header.alg || !algorithms.includes(header.alg)) throw unauthenticated('token algorithm not accepted');
    if (typeof header.kid !== 'string' || header.kid === '') throw unauthenticated('token has no key id');
    const key = await keys.keysFor(header.kid);
    if (!key) throw unauthenticated('token signed with an unknown key');
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, key.keySet, {
        algorithms,
        issuer: opts.issuer,
        audience: opts.audience,
        clockTolerance: clockToleranceSec,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'sub', 'sid'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AppError('token_expired', 'access token expired');
      if (isAppError(err)) throw err;
      throw unauthenticated('invalid token');
    }
    const { sub, sid, exp } = payload;
    if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '')
      throw unauthenticated('token lacks its subject or session');
    return { caller: { userId: sub, sessionId: sid }, exp: exp as number, kid: header.kid, keyMaterial: key.material };
  }

  // Same rule as jose's `exp` check, so a remembered token expires exactly when a fresh check would fail.
  const hasExpired = (exp: number) => exp <= Math.floor(now() / 1000) - clockToleranceSec;

  /** A remembered token: expiry checked now, revocation and key sent at once, both awaited together. */
  async function recheck(token: string, known: VerifiedToken): Promise<Caller> {
    if (hasExpired(known.exp)) {
      verified.delete(token);
      throw new AppError('token_expired', 'access token expired');
    }
    const [key, revoked] = await Promise.all([keys.keysFor(known.kid), isRevoked(known.caller.sessionId)]);
    if (revoked) throw unauthenticated('session revoked');
    if (key?.material === known.keyMaterial) return known.caller;
    // Auth no longer publishes the key it was checked with: only a fresh check may accept it.
    verified.delete(token);
    return verifyFully(token);
  }

  async function verifyFully(token: string): Promise<Caller> {
    const checked = await checkSignatureAndClaims(token);
    if (await isRevoked(checked.caller.sessionId)) throw unauthenticated('session revoked');
    verified.set(token, checked);
    return checked.caller;
  }

  const remembered = (token: string) => (token.length > MAX_TOKEN_LENGTH ? undefined : verified.get(token));

  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated('token too long');
      const known = remembered(token);
      return known ? recheck(token, known) : verifyFully(token);
    },
    verifyIfCached(token) {
      const known = remembered(token);
      return known ? recheck(token, known) : undefined;
    },
  };
}
