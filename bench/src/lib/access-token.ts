import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'seed-bench';
export const TOKEN_AUDIENCE = 'seed';

/** The one signed-in caller of a bench run. */
export interface BenchIdentity {
  /** Public key as served in the JWKS (with `kid`, `alg`, `use`). */
  publicJwk: JWK;
  accessToken: string;
  userId: string;
  sessionId: string;
}

/**
 * A fresh EdDSA key and an access token shaped like auth's (`sub`, `sid`, `iss`, `aud`, `jti`,
 * `kid` header), valid for the whole run.
 */
export async function createBenchIdentity(opts: { validForS: number }): Promise<BenchIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `bench-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const userId = '1000000000000000001';
  const sessionId = '1000000000000000002';
  const accessToken = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${opts.validForS}s`)
    .setJti(randomUUID())
    .sign(privateKey);
  return { publicJwk, accessToken, userId, sessionId };
}

/**
 * A fresh EdDSA key and `count` access tokens, each for a user and session of its own (user ids
 * from `firstUserId`, session ids from `firstSessionId`), valid for an hour.
 */
export async function signUserTokens(opts: {
  count: number;
  firstUserId: bigint;
  firstSessionId: bigint;
}): Promise<{ publicJwk: JWK; tokens: string[] }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `bench-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const tokens = await Promise.all(
    Array.from({ length: opts.count }, (_, i) =>
      new SignJWT({ sid: String(opts.firstSessionId + BigInt(i)) })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setSubject(String(opts.firstUserId + BigInt(i)))
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .setJti(randomUUID())
        .sign(privateKey),
    ),
  );
  return { publicJwk, tokens };
}
