import { connectNats, createLogger, createRedis, type NatsConnection, type Redis } from '@seed/runtime';
import { testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../src/auth/token-verifier.ts';
import { testContracts } from '../support/test-service.ts';
import { createTestTokens, type JwksResponder, type TestTokens } from '../support/tokens.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('token verifier keys', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let tokens: TestTokens;
  let jwks: JwksResponder;
  const jwksContract = testContracts(uniqueName('gwkeys')).jwks;
  const verifier = (unknownKidCooldownMs: number) =>
    createTokenVerifier({
      nc,
      redis,
      logger,
      issuer: tokens.issuer,
      audience: tokens.audience,
      algorithms: ['EdDSA'],
      jwksContract,
      unknownKidCooldownMs,
    });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    tokens = await createTestTokens();
    jwks = await tokens.serveJwks(nc, jwksContract);
  });
  afterAll(async () => {
    await jwks?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('fetches the keys once and trusts a rotated key when a token first names it', async () => {
    const v = verifier(0);
    const before = jwks.fetches();
    await expect(v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }))).resolves.toEqual({
      userId: '1',
      sessionId: '1',
    });
    await v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }));
    expect(jwks.fetches() - before).toBe(1);

    await tokens.rotate();
    await expect(v.verify(await tokens.signAccessToken({ sub: '2', sid: '2' }))).resolves.toMatchObject({
      userId: '2',
    });
    expect(jwks.fetches() - before).toBe(2);
  });

  it('asks auth again at most once per cooldown however many unknown key ids arrive', async () => {
    const v = verifier(60_000);
    await v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }));
    const before = jwks.fetches();
    const forged = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tokens.signAccessToken({ sub: '1', sid: '1', kid: `forged-${i}` })),
    );
    const results = await Promise.allSettled(forged.map((t) => v.verify(t)));
    expect(results.every((r) => r.status === 'rejected' && r.reason.code === 'unauthenticated')).toBe(true);
    expect(jwks.fetches() - before).toBe(1);
  });

  it('reports service_unavailable, not a bad token, when auth cannot give its keys', async () => {
    const v = createTokenVerifier({
      nc,
      redis,
      logger,
      issuer: tokens.issuer,
      audience: tokens.audience,
      algorithms: ['EdDSA'],
      jwksContract: testContracts(uniqueName('gwnokeys')).jwks,
    });
    await expect(v.verify(await tokens.signAccessToken({ sub: '1', sid: '1' }))).rejects.toMatchObject({
      code: 'service_unavailable',
    });
  });
});
