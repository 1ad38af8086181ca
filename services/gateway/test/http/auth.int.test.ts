import type { Redis } from '@seed/runtime';
import { describe, expect, type TestGateway, type TestTokens } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

const now = () => Math.floor(Date.now() / 1000);

describe('access tokens at the gateway', () => {
  let redis: Redis;
  let tokens: TestTokens;
  let gateway: TestGateway;
  const me = (token?: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${api}/me`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  const expect401 = async (res: Response, code = 'unauthenticated') => {
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe(code);
  };

  test.beforeAll(({ gateway: started, fakeAuth, redis: client }) => {
    gateway = started;
    tokens = fakeAuth.tokens;
    redis = client;
  });

  test('lets a valid token through and hands the caller, request id and client to the service', async () => {
    const token = await tokens.signAccessToken({ sub: '1001', sid: '2001' });
    const res = await me(token, { 'x-request-id': 'who-1', 'user-agent': 'seed-test/1.0' });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual({
      userId: '1001',
      sessionId: '2001',
      requestId: 'who-1',
      clientIp: '127.0.0.1',
      userAgent: 'seed-test/1.0',
    });
  });

  test('requires a bearer token on a user operation', async () => {
    const res = await me();
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    await expect401(res);
    await expect401(await me(undefined, { authorization: 'Basic dXNlcjpwYXNz' }));
  });

  test('refuses a token without a signature (alg none)', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', alg: 'none' })));
  });

  test('refuses an HMAC token keyed with the public key', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', alg: 'HS256' })));
  });

  test('refuses a token signed with an unknown key id, or none', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', kid: 'nobody-knows' })));
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', kid: null })));
  });

  test('answers an expired token with token_expired', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', exp: now() - 60 })), 'token_expired');
  });

  test('refuses a token not valid yet', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', nbf: now() + 600 })));
  });

  test('refuses a token for another audience or from another issuer', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', aud: 'other-app' })));
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '2', iss: 'evil-auth' })));
  });

  test('refuses a token with an empty session claim', async () => {
    await expect401(await me(await tokens.signAccessToken({ sub: '1', sid: '' })));
  });

  test('refuses a token of a revoked session', async () => {
    const token = await tokens.signAccessToken({ sub: '1', sid: '3001' });
    expect((await me(token)).status).toBe(200);
    await redis.set('auth:revoked:3001', '1', 'EX', 60);
    await expect401(await me(token));
  });

  test('refuses garbage', async () => {
    await expect401(await me('not.a.token'));
    await expect401(await me('x'.repeat(10_000)));
  });

  test('passes the identity of a valid token to a public operation', async () => {
    const token = await tokens.signAccessToken({ sub: '1002', sid: '2002' });
    const res = await fetch(`${gateway.url}${api}/things/5/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect((await json(res)).data.caller).toEqual({ userId: '1002', sessionId: '2002' });
  });

  test('serves a public operation anonymously when the token is bad (an expired token must not block refresh)', async () => {
    const token = await tokens.signAccessToken({ sub: '1', sid: '2', exp: now() - 60 });
    const res = await fetch(`${gateway.url}${api}/things/5/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(res.status).toBe(201);
    expect((await json(res)).data.caller).toBeNull();
  });

  test('serves the JWK Set at the root as it is, not wrapped in data', async () => {
    const res = await fetch(`${gateway.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(tokens.jwks());
  });
});
