import { getJwks } from '@seed/contracts';
import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import { describe, expect, type FakeAuth, type TestTokens, test } from '@seed/testkit';
import { testVerifier } from '../support/verifier.ts';

describe('token verifier keys', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let logger: Logger;
  let tokens: TestTokens;
  let jwks: FakeAuth;
  const verifier = (unknownKidCooldownMs: number) =>
    testVerifier({ nc, redis, logger, tokens }, { unknownKidCooldownMs });

  test.beforeAll(({ nc: client, redis: keys, logger: log, fakeAuth }) => {
    nc = client;
    redis = keys;
    logger = log;
    jwks = fakeAuth;
    tokens = fakeAuth.tokens;
  });

  test('fetches the keys once and trusts a rotated key when a token first names it', async () => {
    const v = verifier(0);
    const before = jwks.jwksFetches();
    await expect(v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }))).resolves.toEqual({
      userId: '1',
      sessionId: '1',
    });
    await v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }));
    expect(jwks.jwksFetches() - before).toBe(1);

    await tokens.rotate();
    await expect(v.verify(await tokens.signAccessToken({ sub: '2', sid: '2' }))).resolves.toMatchObject({
      userId: '2',
    });
    expect(jwks.jwksFetches() - before).toBe(2);
  });

  test('asks auth again at most once per cooldown however many unknown key ids arrive', async () => {
    const v = verifier(60_000);
    await v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }));
    const before = jwks.jwksFetches();
    const forged = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tokens.signAccessToken({ sub: '1', sid: '1', kid: `forged-${i}` })),
    );
    const results = await Promise.allSettled(forged.map((t) => v.verify(t)));
    expect(results.every((r) => r.status === 'rejected' && r.reason.code === 'unauthenticated')).toBe(true);
    expect(jwks.jwksFetches() - before).toBe(1);
  });

  test('reports service_unavailable, not a bad token, when auth cannot give its keys', async () => {
    const v = testVerifier(
      { nc, redis, logger, tokens },
      { jwksContract: { ...getJwks, subject: 'nobody.jwks.get' } as unknown as typeof getJwks },
    );
    await expect(v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }))).rejects.toMatchObject({
      code: 'service_unavailable',
    });
  });
});
