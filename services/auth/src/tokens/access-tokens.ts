import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeysService } from './keys.service.ts';

export interface AccessTokenIssuer {
  /** A signed access token for one session, and its lifetime in seconds. */
  issue(subject: { userId: string; sessionId: string }): Promise<{ token: string; expiresIn: number }>;
}

export function createAccessTokenIssuer(deps: {
  keys: KeysService;
  issuer: string;
  audience: string;
  ttlSec: number;
}): AccessTokenIssuer {
  return {
    async issue({ userId, sessionId }) {
      const { kid, alg, key } = await deps.keys.signingKey();
      const token = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg, kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(deps.issuer)
        .setAudience(deps.audience)
        .setIssuedAt()
        .setExpirationTime(`${deps.ttlSec}s`)
        .setJti(randomUUID())
        .sign(key);
      return { token, expiresIn: deps.ttlSec };
    },
  };
}
