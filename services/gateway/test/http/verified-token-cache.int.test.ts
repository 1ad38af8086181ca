import { getJwks, type JwkSet } from '@seed/contracts';
import { createServiceHost, type Logger, type NatsConnection, type Redis, type ServiceHost } from '@seed/runtime';
import { createTestTokens, describe, expect, type TestTokens, test } from '@seed/testkit';
import type { TokenVerifier } from '../../src/auth/token-verifier.ts';
import { testVerifier } from '../support/verifier.ts';

const JWKS_MAX_AGE_MS = 60_000;

describe('remembered access tokens', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let logger: Logger;
  let tokens: TestTokens;
  /** The key ids auth has stopped publishing. */
  const dropped = new Set<string>();
  const jwksContract = getJwks;
  let clockMs: number;
  let verifier: TokenVerifier;
  let sid = 0;
  const newSessionId = () => `${Date.now()}${++sid}`;

  let jwksHost: ServiceHost;

  test.beforeAll(async ({ nc: client, redis: keys, logger: log }) => {
    nc = client;
    redis = keys;
    logger = log;
    tokens = await createTestTokens();
    jwksHost = await createServiceHost(nc, { name: 'auth', version: '0.0.1', logger });
    jwksHost.serve(jwksContract, (): JwkSet => ({ keys: tokens.jwks().keys.filter((k) => !dropped.has(k.kid)) }));
  });
  test.afterAll(() => jwksHost?.stop());
  test.beforeEach(() => {
    clockMs = Date.now();
    verifier = testVerifier(
      { nc, redis, logger, tokens },
      { jwksMaxAgeMs: JWKS_MAX_AGE_MS, clockToleranceSec: 5, now: () => clockMs },
    );
  });

  /** Verifies the token once, so the verifier remembers it. */
  const remembered = async (claims: { sub: string; sid: string; exp?: number }) => {
    const token = await tokens.signAccessToken(claims);
    expect(verifier.verifyIfCached(token)).toBeUndefined();
    await expect(verifier.verify(token)).resolves.toEqual({ userId: claims.sub, sessionId: claims.sid });
    await expect(verifier.verifyIfCached(token)).resolves.toEqual({ userId: claims.sub, sessionId: claims.sid });
    return token;
  };

  test('accepts a remembered token again while it is valid', async () => {
    const sessionId = newSessionId();
    const token = await remembered({ sub: '41', sid: sessionId });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: '41', sessionId });
  });

  test('refuses a remembered token as soon as its session is revoked', async () => {
    const sessionId = newSessionId();
    const token = await remembered({ sub: '42', sid: sessionId });
    await redis.set(`auth:revoked:${sessionId}`, '1', 'EX', 60);
    await expect(verifier.verifyIfCached(token)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  test('refuses a remembered token once it expires', async () => {
    const exp = Math.floor(clockMs / 1000) + 60;
    const token = await remembered({ sub: '43', sid: newSessionId(), exp });
    clockMs = (exp + 4) * 1000;
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: '43' });
    clockMs = (exp + 6) * 1000;
    await expect(verifier.verifyIfCached(token)).rejects.toMatchObject({ code: 'token_expired' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });

  test('refuses a remembered token once auth stops publishing its key', async () => {
    const oldKid = tokens.kid;
    const token = await remembered({ sub: '44', sid: newSessionId() });
    await tokens.rotate();
    const rotated = await tokens.signAccessToken({ sub: '45', sid: newSessionId() });
    dropped.add(oldKid);
    clockMs += JWKS_MAX_AGE_MS + 1;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verifier.verify(rotated)).resolves.toMatchObject({ userId: '45' });
  });

  test('takes no token for a remembered one unless it is the same to the byte', async () => {
    const token = await remembered({ sub: '46', sid: newSessionId() });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherUser = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    for (const forged of [`${header}.${otherUser}.${signature}`, `${header}.${payload}.${flipped}`]) {
      expect(verifier.verifyIfCached(forged)).toBeUndefined();
      await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
  });
});
