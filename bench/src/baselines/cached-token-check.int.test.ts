import { randomUUID } from 'node:crypto';
import { testRedisPrefix, testServers } from '@seed/runtime/testing';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createCachedTokenCheck } from './cached-token-check.ts';

const redis = new Redis(testServers().redisUrl, { keyPrefix: testRedisPrefix() });
afterAll(() => redis.quit());

const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
const publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
let clock = Date.now();
const check = createCachedTokenCheck({ publicJwk, issuer: 'iss', audience: 'aud', redis, now: () => clock });

const sign = (opts: { sid: string; expiresInS: number; key?: typeof privateKey }) =>
  new SignJWT({ sid: opts.sid })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .setSubject('user-1')
    .setIssuer('iss')
    .setAudience('aud')
    .setIssuedAt(Math.floor(clock / 1000))
    .setExpirationTime(Math.floor(clock / 1000) + opts.expiresInS)
    .sign(opts.key ?? privateKey);

describe('the careful baselines’ token check', () => {
  it('accepts a good token again and again, and stops once its session is revoked', async () => {
    const sid = randomUUID();
    const bearer = `Bearer ${await sign({ sid, expiresInS: 60 })}`;
    expect(await check(bearer)).toEqual({ userId: 'user-1', sessionId: sid });
    expect(await check(bearer)).toEqual({ userId: 'user-1', sessionId: sid });
    await redis.set(`auth:revoked:${sid}`, '1');
    expect(await check(bearer)).toBeUndefined();
  });

  it('refuses a remembered token once it has expired', async () => {
    const bearer = `Bearer ${await sign({ sid: randomUUID(), expiresInS: 30 })}`;
    expect(await check(bearer)).toBeDefined();
    clock += 60_000;
    expect(await check(bearer)).toBeUndefined();
  });

  it('refuses a token signed by another key and a missing or malformed header', async () => {
    expect(await check(`Bearer ${await sign({ sid: randomUUID(), expiresInS: 60, key: other.privateKey })}`)).toBe(
      undefined,
    );
    expect(await check(undefined)).toBeUndefined();
    expect(await check('Bearer not-a-token')).toBeUndefined();
  });
});
