import { eventually } from '@seed/runtime/testing';
import { fetchJson as call, describe, expect, type TestGateway as Gateway, pause } from '@seed/testkit';
import { decodeJwt } from 'jose';
import { type AuthWorld, lastCode, lastLinkToken, REFRESH_GRACE_MS, test } from '../support/fixtures.ts';

let world: AuthWorld;
let gw: Gateway;
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
let phones = 0;
const newPhone = () => `+8217${String(Date.now() + phones++).slice(-8)}`;
const PASSWORD = 'a long safe passphrase';

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  user: { id: string; email: string; phone: string | null };
}
const data = <T>(r: { body: unknown }) => (r.body as { data: T }).data;
const error = (r: { body: unknown }) => (r.body as { error: { code: string; details?: unknown } }).error;

test.beforeAll(({ authWorld, gateway }) => {
  world = authWorld;
  gw = gateway;
});

const post = (path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
  call(gw.url, 'POST', path, { body, ...(token ? { token } : {}), ...(headers ? { headers } : {}) });

async function phoneVerification(phone: string) {
  const from = world.jobs.length;
  const sent = await post('/api/v1/auth/phone/codes', { phone, purpose: 'signup' });
  expect(sent.status).toBe(201);
  const { verificationId } = data<{ verificationId: string }>(sent);
  const code = await eventually(() => lastCode(world.jobs, phone, from), { what: 'the SMS' });
  const verified = await post('/api/v1/auth/phone/verify', { verificationId, code });
  expect(verified.status).toBe(200);
  return verificationId;
}

/** An account signed up with a verified phone, and its first session. */
async function phoneAccount() {
  const id = unique();
  const phone = newPhone();
  const email = `g.${id}@example.com`;
  const res = await post('/api/v1/auth/signup', {
    email,
    password: PASSWORD,
    nickname: `g_${id}`,
    phoneVerificationId: await phoneVerification(phone),
  });
  expect(res.status).toBe(201);
  return { id, phone, email, tokens: data<Tokens>(res) };
}

describe('through the gateway', () => {
  test('answers a signup retried with its Idempotency-Key with the first answer, not email_taken', async () => {
    const id = unique();
    const body = { email: `i.${id}@example.com`, password: PASSWORD, nickname: `i_${id}` };
    const key = { 'idempotency-key': `signup-${id}` };
    const first = await post('/api/v1/auth/signup', body, undefined, key);
    expect(first.status).toBe(201);
    const retry = await post('/api/v1/auth/signup', body, undefined, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const withoutKey = await post('/api/v1/auth/signup', body);
    expect(withoutKey.status).toBe(409);
    expect(error(withoutKey).code).toBe('email_taken');
  });

  test('deletes an account with the password in the body, and refuses it in the URL', async () => {
    const { tokens } = await phoneAccount();
    const token = tokens.accessToken;
    const inUrl = await call(gw.url, 'DELETE', `/api/v1/users/me?password=${encodeURIComponent(PASSWORD)}`, { token });
    expect(inUrl.status).toBe(400);
    expect(error(inUrl).code).toBe('validation_failed');
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token })).status).toBe(200);
    const inBody = await call(gw.url, 'DELETE', '/api/v1/users/me', { token, body: { password: PASSWORD } });
    expect(inBody.status).toBe(200);
    expect(data(inBody)).toEqual({ deleted: true });
  });

  test('phone journey: code, verify, signup (active at once), login, refresh, logout', async () => {
    const { phone, tokens } = await phoneAccount();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresIn).toBe(900);
    const me = await call(gw.url, 'GET', '/api/v1/users/me', { token: tokens.accessToken });
    expect(me.status).toBe(200);
    expect(data<{ phone: string }>(me).phone).toBe(phone);

    const logged = await post('/api/v1/auth/login', { login: phone, password: PASSWORD });
    expect(logged.status).toBe(200);
    const session = data<Tokens>(logged);
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = data<Tokens>(refreshed);
    expect(decodeJwt(next.accessToken).sid).toBe(decodeJwt(session.accessToken).sid);

    const out = await post('/api/v1/auth/logout', {}, next.accessToken);
    expect(out.status).toBe(200);
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: next.accessToken })).status).toBe(401);
    expect((await post('/api/v1/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    // The first session is untouched.
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: tokens.accessToken })).status).toBe(200);
  });

  test('email journey: signup, login waits for the link, verify, login, refresh, logout', async () => {
    const id = unique();
    const email = `e.${id}@example.com`;
    const from = world.jobs.length;
    const created = await post('/api/v1/auth/signup', { email, password: PASSWORD, nickname: `e_${id}` });
    expect(created.status).toBe(201);
    expect(data<{ pending: string }>(created).pending).toBe('email_verification');
    const early = await post('/api/v1/auth/login', { login: email, password: PASSWORD });
    expect(early.status).toBe(403);
    expect(error(early).code).toBe('email_not_verified');

    const token = await eventually(() => lastLinkToken(world.jobs, email, from), { what: 'the email' });
    expect((await post('/api/v1/auth/email/verify', { token })).status).toBe(200);
    const logged = await post('/api/v1/auth/login', { login: `e_${id}`, password: PASSWORD });
    expect(logged.status).toBe(200);
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: data<Tokens>(logged).refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await post('/api/v1/auth/logout', { refreshToken: data<Tokens>(refreshed).refreshToken })).status).toBe(
      200,
    );
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: data<Tokens>(refreshed).accessToken })).status).toBe(
      401,
    );
  });

  test('keeps a browser refresh token in an HttpOnly cookie', async () => {
    const { email } = await phoneAccount();
    const origin = { origin: 'https://app.example' };
    const logged = await post('/api/v1/auth/login', { login: email, password: PASSWORD }, undefined, origin);
    expect(logged.status).toBe(200);
    expect(data<Tokens>(logged).refreshToken).toBeUndefined();
    const cookie = logged.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^seed_refresh=[^;]+; Path=\/api\/v1\/auth; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const pair = cookie.split(';')[0]!;
    const refreshed = await post('/api/v1/auth/refresh', {}, undefined, { ...origin, cookie: pair });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('set-cookie')).toMatch(/^seed_refresh=/);
    const out = await post('/api/v1/auth/logout', {}, undefined, {
      ...origin,
      cookie: refreshed.headers.get('set-cookie')!.split(';')[0]!,
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^seed_refresh=; .*Max-Age=0/);
  });

  test('a reused refresh token revokes the session and its access token stops working at once', async () => {
    const { tokens } = await phoneAccount();
    const rotated = await post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    const fresh = data<Tokens>(rotated);
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: fresh.accessToken })).status).toBe(200);
    await pause(REFRESH_GRACE_MS + 100);
    const reused = await post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(reused.status).toBe(401);
    expect(error(reused).code).toBe('refresh_reused');
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: fresh.accessToken })).status).toBe(401);
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: tokens.accessToken })).status).toBe(401);
  });

  test('answers a quota with 429 and Retry-After', async () => {
    const phone = newPhone();
    expect((await post('/api/v1/auth/phone/codes', { phone, purpose: 'signup' })).status).toBe(201);
    const again = await post('/api/v1/auth/phone/codes', { phone, purpose: 'signup' });
    expect(again.status).toBe(429);
    expect(error(again).code).toBe('rate_limited');
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  test('answers 409 for a taken email and nickname', async () => {
    const { id, email } = await phoneAccount();
    const dupEmail = await post('/api/v1/auth/signup', { email, password: PASSWORD, nickname: `z_${id}` });
    expect([dupEmail.status, error(dupEmail).code]).toEqual([409, 'email_taken']);
    const dupNick = await post('/api/v1/auth/signup', {
      email: `z.${id}@example.com`,
      password: PASSWORD,
      nickname: `G_${id}`,
    });
    expect([dupNick.status, error(dupNick).code]).toEqual([409, 'nickname_taken']);
  });

  test('refuses another user’s session and device', async () => {
    const a = await phoneAccount();
    const b = await phoneAccount();
    const sid = String(decodeJwt(a.tokens.accessToken).sid);
    const res = await call(gw.url, 'DELETE', `/api/v1/auth/sessions/${sid}`, { token: b.tokens.accessToken });
    expect(res.status).toBe(404);
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: a.tokens.accessToken })).status).toBe(200);
    const mine = await call(gw.url, 'GET', '/api/v1/auth/sessions', { token: b.tokens.accessToken });
    expect(data<{ id: string }[]>(mine).map((s) => s.id)).toEqual([String(decodeJwt(b.tokens.accessToken).sid)]);
  });

  test.each([
    ['a malformed phone', '/api/v1/auth/phone/codes', { phone: '010-1234-5678', purpose: 'signup' }, 'phone'],
    [
      'a malformed email',
      '/api/v1/auth/signup',
      { email: 'not-an-email', password: PASSWORD, nickname: 'okay_nick' },
      'email',
    ],
    [
      'an over-long nickname',
      '/api/v1/auth/signup',
      { email: 'a@example.com', password: PASSWORD, nickname: 'n'.repeat(33) },
      'nickname',
    ],
    ['an unknown field', '/api/v1/auth/login', { login: 'someone', password: PASSWORD, admin: true }, ''],
    ['a wrong type', '/api/v1/auth/login', { login: 42, password: PASSWORD }, 'login'],
  ])('answers %s with 400 and the details', async (_, path, body, field) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    const err = error(res) as { code: string; details: { path: string }[] };
    expect(err.code).toBe('validation_failed');
    expect(err.details.map((d) => d.path)).toContain(field);
  });

  test('serves the JWK Set at the root', async () => {
    const res = await call<{ keys: { kid: string; alg: string; kty: string; d?: string }[] }>(
      gw.url,
      'GET',
      '/.well-known/jwks.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThan(0);
    expect(res.body.keys[0]).toMatchObject({ kty: 'OKP', alg: 'EdDSA' });
    expect(res.body.keys.every((k) => k.d === undefined)).toBe(true);
  });
});
