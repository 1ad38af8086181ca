import {
  checkAvailability,
  findUser,
  getProfile,
  getUsers,
  login,
  logout,
  refreshSession,
  sendPhoneCode,
  signup,
  userCreated,
  verifyEmail,
  verifyPhoneCode,
} from '@seed/contracts';
import { type RequestContext, request, subscribeEvent } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect, pause } from '@seed/testkit';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type AuthWorld, lastCode, lastLinkToken, REFRESH_GRACE_MS, test } from '../support/fixtures.ts';

let world: AuthWorld;
const anon = (clientIp = '10.0.0.1'): RequestContext => ({ requestId: 'r', clientIp });
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

test.beforeAll(({ authWorld }) => {
  world = authWorld;
});

async function verifiedPhone(phone: string, purpose: 'signup' | 'reset' = 'signup') {
  const from = world.jobs.length;
  const { verificationId } = await request(world.nc, sendPhoneCode, { phone, purpose }, { context: anon() });
  const code = await eventually(() => lastCode(world.jobs, phone, from), { what: 'the SMS' });
  await request(world.nc, verifyPhoneCode, { verificationId, code }, { context: anon() });
  return verificationId;
}

describe('signup with a verified phone', () => {
  test('activates the account at once, and the user signs in by phone, email or nickname', async () => {
    const created: string[] = [];
    const sub = subscribeEvent(world.nc, userCreated, ({ user }) => void created.push(user.nickname), {
      logger: world.logger,
    });
    const id = unique();
    const phone = `+8210${String(Date.now()).slice(-8)}`;
    const phoneVerificationId = await verifiedPhone(phone);
    const reply = await request(
      world.nc,
      signup,
      {
        email: `Phone.${id}@example.com`,
        password: 'a long safe passphrase',
        nickname: `p_${id}`,
        phoneVerificationId,
      },
      { context: anon() },
    );
    if (!('accessToken' in reply)) throw new Error('expected tokens');
    expect(reply.user).toMatchObject({ phone, phoneVerified: true, emailVerified: false, nickname: `p_${id}` });
    const header = decodeProtectedHeader(reply.accessToken);
    expect(header.alg).toBe('EdDSA');
    expect(header.kid).toBeTruthy();
    const claims = decodeJwt(reply.accessToken);
    expect(claims).toMatchObject({ sub: reply.user.id, iss: 'seed-auth', aud: 'seed' });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.sid).toMatch(/^\d+$/);
    expect(claims.jti).toBeTruthy();

    for (const loginName of [phone, `phone.${id}@EXAMPLE.com`, `P_${id}`]) {
      const session = await request(
        world.nc,
        login,
        { login: loginName, password: 'a long safe passphrase' },
        { context: anon() },
      );
      expect(session.user.id).toBe(reply.user.id);
    }
    await eventually(() => created.includes(`p_${id}`), { what: 'auth.user.created' });
    sub.unsubscribe();
  });

  test('refuses a phone verification that was used or never verified', async () => {
    const phone = `+8211${String(Date.now()).slice(-8)}`;
    const { verificationId } = await request(
      world.nc,
      sendPhoneCode,
      { phone, purpose: 'signup' },
      { context: anon() },
    );
    const id = unique();
    const attempt = request(
      world.nc,
      signup,
      {
        email: `u${id}@example.com`,
        password: 'a long safe passphrase',
        nickname: `u_${id}`,
        phoneVerificationId: verificationId,
      },
      { context: anon() },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'verification_invalid' });
  });
});

describe('signup by email', () => {
  test('waits for the emailed link before login, then lets the user in', async () => {
    const id = unique();
    const email = `mail.${id}@example.com`;
    const reply = await request(
      world.nc,
      signup,
      { email, password: 'a long safe passphrase', nickname: `m_${id}` },
      { context: anon() },
    );
    expect(reply).toMatchObject({ pending: 'email_verification', user: { emailVerified: false } });
    await expect(
      request(world.nc, login, { login: email, password: 'a long safe passphrase' }, { context: anon() }),
    ).rejects.toMatchObject({ code: 'email_not_verified' });
    const token = await eventually(() => lastLinkToken(world.jobs, email), { what: 'the email' });
    await request(world.nc, verifyEmail, { token }, { context: anon() });
    await expect(request(world.nc, verifyEmail, { token }, { context: anon() })).rejects.toMatchObject({
      code: 'email_token_invalid',
    });
    const session = await request(
      world.nc,
      login,
      { login: email, password: 'a long safe passphrase' },
      { context: anon() },
    );
    expect(session.user.emailVerified).toBe(true);
    const me = await request(
      world.nc,
      getProfile,
      {},
      {
        context: {
          requestId: 'r',
          caller: { userId: session.user.id, sessionId: String(decodeJwt(session.accessToken).sid) },
        },
      },
    );
    expect(me.email).toBe(email);
  });

  test('answers 409 codes for a taken email, phone or nickname, and availability tells which are free', async () => {
    const id = unique();
    const phone = `+8212${String(Date.now()).slice(-8)}`;
    await request(
      world.nc,
      signup,
      {
        email: `dup.${id}@example.com`,
        password: 'a long safe passphrase',
        nickname: `d_${id}`,
        phoneVerificationId: await verifiedPhone(phone),
      },
      { context: anon() },
    );
    await world.resetLimits();
    const base = { password: 'a long safe passphrase' };
    await expect(
      request(world.nc, signup, { ...base, email: `DUP.${id}@example.com`, nickname: `x_${id}` }, { context: anon() }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    await expect(
      request(world.nc, signup, { ...base, email: `x.${id}@example.com`, nickname: `D_${id}` }, { context: anon() }),
    ).rejects.toMatchObject({ code: 'nickname_taken' });
    await expect(
      request(
        world.nc,
        signup,
        { ...base, email: `y.${id}@example.com`, nickname: `y_${id}`, phoneVerificationId: await verifiedPhone(phone) },
        { context: anon() },
      ),
    ).rejects.toMatchObject({ code: 'phone_taken' });
    await expect(
      request(
        world.nc,
        checkAvailability,
        { email: `dup.${id}@example.com`, nickname: `free_${id}`, phone },
        { context: anon() },
      ),
    ).resolves.toEqual({ email: false, nickname: true, phone: false });
  });

  test('refuses a weak password with the reasons', async () => {
    const id = unique();
    await expect(
      request(
        world.nc,
        signup,
        { email: `w.${id}@example.com`, password: 'password123', nickname: `w_${id}` },
        { context: anon() },
      ),
    ).rejects.toMatchObject({ code: 'weak_password', details: { problems: ['is a commonly used password'] } });
  });
});

describe('other services', () => {
  test('get users in a batch and find one by nickname', async () => {
    const id = unique();
    const reply = await request(
      world.nc,
      signup,
      {
        email: `s.${id}@example.com`,
        password: 'a long safe passphrase',
        nickname: `s_${id}`,
        phoneVerificationId: await verifiedPhone(`+8213${String(Date.now()).slice(-8)}`),
      },
      { context: anon() },
    );
    const { users } = await request(world.nc, getUsers, { ids: [reply.user.id, '123456789'] });
    expect(users).toEqual([{ id: reply.user.id, nickname: `s_${id}`, name: null, avatarUrl: null }]);
    await expect(request(world.nc, findUser, { nickname: `S_${id}` })).resolves.toMatchObject({
      user: { id: reply.user.id },
    });
    await expect(request(world.nc, findUser, { nickname: `nobody_${id}` })).resolves.toEqual({ user: null });
  });
});

describe('refresh tokens', () => {
  /** A new account's first session, signed up with a verified phone (`prefix` keeps phones apart). */
  async function firstSession(letter: string, prefix: string) {
    const id = unique();
    const reply = await request(
      world.nc,
      signup,
      {
        email: `${letter}.${id}@example.com`,
        password: 'a long safe passphrase',
        nickname: `${letter}_${id}`,
        phoneVerificationId: await verifiedPhone(`${prefix}${String(Date.now()).slice(-8)}`),
      },
      { context: anon() },
    );
    if (!('refreshToken' in reply) || !reply.refreshToken) throw new Error('expected a refresh token');
    return { ...reply, refreshToken: reply.refreshToken };
  }

  test('rotate, and a reused one signs the whole session out', async () => {
    const first = await firstSession('r', '+8214');
    const second = await request(world.nc, refreshSession, { refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const sid = String(decodeJwt(second.accessToken).sid);
    await pause(REFRESH_GRACE_MS + 100);
    await expect(request(world.nc, refreshSession, { refreshToken: first.refreshToken })).rejects.toMatchObject({
      code: 'refresh_reused',
    });
    expect(await world.redis.exists(`auth:revoked:${sid}`)).toBe(1);
    await expect(request(world.nc, refreshSession, { refreshToken: second.refreshToken! })).rejects.toMatchObject({
      code: 'refresh_invalid',
    });
  });

  test('give a token shown again within the grace window the same pair, and end the session after it', async () => {
    const first = await firstSession('g', '+8216');
    // Two tabs of one browser refresh with the same cookie at the same moment.
    const tabs = await Promise.all([
      request(world.nc, refreshSession, { refreshToken: first.refreshToken }),
      request(world.nc, refreshSession, { refreshToken: first.refreshToken }),
    ]);
    expect(tabs[0].refreshToken).not.toBe(first.refreshToken);
    expect(tabs[1].refreshToken).toBe(tabs[0].refreshToken);
    expect(tabs[1].accessToken).toBe(tabs[0].accessToken);
    expect(tabs[1].user.id).toBe(first.user.id);
    // The database keeps no usable token: only hashes, and the pair sealed under the old token.
    const rows = await world.auth.infra.database
      .sql`select token_hash, successor_sealed from auth.refresh_tokens where successor_sealed is not null`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(String(row.successor_sealed)).not.toContain(tabs[0].refreshToken!);
      expect(row.token_hash).not.toBe(tabs[0].refreshToken);
    }
    // The new token rotates as usual.
    const third = await request(world.nc, refreshSession, { refreshToken: tabs[0].refreshToken! });
    expect(third.refreshToken).not.toBe(tabs[0].refreshToken);
    // Past the window, the old token is a reuse: the session ends.
    await pause(REFRESH_GRACE_MS + 100);
    await expect(request(world.nc, refreshSession, { refreshToken: first.refreshToken })).rejects.toMatchObject({
      code: 'refresh_reused',
    });
    await expect(request(world.nc, refreshSession, { refreshToken: third.refreshToken! })).rejects.toMatchObject({
      code: 'refresh_invalid',
    });
  });

  test('stop working after logout', async () => {
    const s = await firstSession('l', '+8215');
    await request(world.nc, logout, { refreshToken: s.refreshToken });
    await expect(request(world.nc, refreshSession, { refreshToken: s.refreshToken })).rejects.toMatchObject({
      code: 'refresh_invalid',
    });
  });
});
