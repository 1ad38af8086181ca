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
}

export interface TokenVerifier {
  /**
   * The caller an access token speaks for. Throws AppError `token_expired` for an expired token,
   * `unauthenticated` for any other bad, unknown-key or revoked token, and `service_unavailable`
   * when auth's keys or the revocation list cannot be read.
   */
  verify(token: string): Promise<Caller>;
}

const MAX_TOKEN_LENGTH = 8_192;
const revokedKey = (sessionId: string) => `auth:revoked:${sessionId}`;
const unauthenticated = (message: string) => new AppError('unauthenticated', message);

/** Verifies access tokens locally against auth's JWKS (fetched over NATS, cached). */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const jwksContract = opts.jwksContract ?? getJwks;
  const algorithms = [...opts.algorithms];
  const keys = createJwksCache({
    fetch: () => request(opts.nc, jwksContract, {}),
    logger: opts.logger,
    unknownKidCooldownMs: opts.unknownKidCooldownMs ?? 10_000,
    maxAgeMs: opts.jwksMaxAgeMs ?? 10 * 60_000,
  });

  async function isRevoked(sessionId: string): Promise<boolean> {
    try {
      return (await opts.redis.exists(revokedKey(sessionId))) > 0;
    } catch (err) {
      opts.logger.error({ err }, 'revocation check failed');
      throw new AppError('service_unavailable', 'cannot check the session');
    }
  }

  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated('token too long');
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw unauthenticated('malformed token');
      }
      if (!header.alg || !algorithms.includes(header.alg)) throw unauthenticated('token algorithm not accepted');
      if (typeof header.kid !== 'string' || header.kid === '') throw unauthenticated('token has no key id');
      const keySet = await keys.keysFor(header.kid);
      if (!keySet) throw unauthenticated('token signed with an unknown key');
      let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          algorithms,
          issuer: opts.issuer,
          audience: opts.audience,
          clockTolerance: opts.clockToleranceSec ?? 5,
          requiredClaims: ['exp', 'sub', 'sid'],
        }));
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new AppError('token_expired', 'access token expired');
        if (isAppError(err)) throw err;
        throw unauthenticated('invalid token');
      }
      const { sub, sid } = payload;
      if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '')
        throw unauthenticated('token lacks its subject or session');
      if (await isRevoked(sid)) throw unauthenticated('session revoked');
      return { userId: sub, sessionId: sid };
    },
  };
}
