import type { Redis } from '@seed/runtime';
import { describe, expect, type TestGateway, type TestTokens } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

describe('routes called with a token the gateway already verified', () => {
  let tokens: TestTokens;
  let gateway: TestGateway;
  let redis: Redis;
  const get = (path: string, token: string) =>
    fetch(`${gateway.url}${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const echo = (token: string) =>
    fetch(`${gateway.url}${api}/things/7/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'hi' }),
    });

  test.beforeAll(({ gateway: started, fakeAuth, redis: client }) => {
    gateway = started;
    redis = client;
    tokens = fakeAuth.tokens;
  });

  test('still counts the rate limit, and refuses the session once revoked', async () => {
    const token = await tokens.signAccessToken({ sub: '5001', sid: '6001' });
    for (let i = 0; i < 3; i++) expect((await get('/limited', token)).status).toBe(200);
    await redis.set('auth:revoked:6001', '1', 'EX', 60);
    const limited = await get('/limited', token);
    expect(limited.status).toBe(429);
    expect((await json(limited)).error.code).toBe('rate_limited');
    const me = await get('/me', token);
    expect(me.status).toBe(401);
    expect((await json(me)).error.code).toBe('unauthenticated');
  });

  test('serves a public operation anonymously once the session is revoked', async () => {
    const token = await tokens.signAccessToken({ sub: '5002', sid: '6002' });
    expect((await json(await echo(token))).data.caller).toEqual({ userId: '5002', sessionId: '6002' });
    await redis.set('auth:revoked:6002', '1', 'EX', 60);
    const res = await echo(token);
    expect(res.status).toBe(201);
    expect((await json(res)).data.caller).toBeNull();
  });
});
