import { logout, sendPhoneCode, signup, verifyPhoneCode } from '@seed/contracts';
import { type RequestContext, request } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { decodeJwt } from 'jose';
import { AUTH_TEST_ENV, type AuthWorld, lastCode, test } from '../support/fixtures.ts';

// This file flushes Redis: it runs on a redis-server of its own.
test.override('redisUrl', { scope: 'file' }, ({ privateRedis }) => privateRedis.url);
test.override('serviceEnv', { scope: 'file' }, { auth: { ...AUTH_TEST_ENV, REVOCATIONS_CHECK_INTERVAL_MS: '200' } });

let world: AuthWorld;
const anon: RequestContext = { requestId: 'r', clientIp: '10.0.0.3' };

test.beforeAll(({ authWorld }) => {
  world = authWorld;
});

async function session() {
  const id = Date.now().toString(36);
  const phone = `+8218${String(Date.now()).slice(-8)}`;
  const { verificationId } = await request(world.nc, sendPhoneCode, { phone, purpose: 'signup' }, { context: anon });
  const code = await eventually(() => lastCode(world.jobs, phone), { what: 'the SMS' });
  await request(world.nc, verifyPhoneCode, { verificationId, code }, { context: anon });
  const tokens = await request(
    world.nc,
    signup,
    {
      email: `r.${id}@example.com`,
      password: 'a long safe passphrase',
      nickname: `r_${id}`,
      phoneVerificationId: verificationId,
    },
    { context: anon },
  );
  if (!('accessToken' in tokens)) throw new Error('expected tokens');
  return { userId: tokens.user.id, sessionId: String(decodeJwt(tokens.accessToken).sid) };
}

describe('revoked sessions', () => {
  test('are listed in Redis again from PostgreSQL once Redis lost its data', async () => {
    const caller = await session();
    await request(world.nc, logout, {}, { context: { requestId: 'r', caller } });
    const key = `auth:revoked:${caller.sessionId}`;
    expect(await world.redis.exists(key)).toBe(1);

    await world.redis.flushall();
    await eventually(async () => (await world.redis.exists(key)) === 1, { what: 'the revocation back in Redis' });
    const ttlMs = await world.redis.pttl(key);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual((world.config.ACCESS_TOKEN_TTL_SEC + 60) * 1000);
  });
});
