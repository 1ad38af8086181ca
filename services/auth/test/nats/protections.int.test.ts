import {
  authCleanup,
  deleteProfile,
  getPublicUser,
  listDevices,
  listSessions,
  login,
  refreshSession,
  registerDevice,
  requestPasswordResetEmail,
  resendEmailVerification,
  revokeSession,
  sendPhoneCode,
  setPassword,
  signup,
  unregisterDevice,
  updateProfile,
  userUpdated,
  verifyEmail,
  verifyPhoneCode,
} from '@seed/contracts';
import { type Caller, type RequestContext, request, type Sql, subscribeEvent } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { decodeJwt } from 'jose';
import { type AuthWorld, lastCode, lastLinkToken, test } from '../support/fixtures.ts';

let world: AuthWorld;
let sql: Sql;
const anon = (clientIp = '10.0.0.2'): RequestContext => ({ requestId: 'r', clientIp });
const as = (caller: Caller): RequestContext => ({ requestId: 'r', caller });
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
let phones = 0;
const newPhone = () => `+8216${String(Date.now() + phones++).slice(-8)}`;
const PASSWORD = 'a long safe passphrase';

test.beforeAll(({ authWorld }) => {
  world = authWorld;
  sql = world.auth.infra.database.sql;
});

async function sendCode(phone: string, purpose: 'signup' | 'reset' = 'signup') {
  const from = world.jobs.length;
  const { verificationId } = await request(world.nc, sendPhoneCode, { phone, purpose }, { context: anon() });
  const code = await eventually(() => lastCode(world.jobs, phone, from), { what: 'the SMS' });
  return { verificationId, code };
}

/** A signed-up, active account and one session of it. */
async function account() {
  const id = unique();
  const phone = newPhone();
  const { verificationId, code } = await sendCode(phone);
  await request(world.nc, verifyPhoneCode, { verificationId, code }, { context: anon() });
  const email = `a.${id}@example.com`;
  const s = await request(
    world.nc,
    signup,
    { email, password: PASSWORD, nickname: `a_${id}`, phoneVerificationId: verificationId },
    { context: anon() },
  );
  if (!('accessToken' in s)) throw new Error('expected tokens');
  const caller = { userId: s.user.id, sessionId: String(decodeJwt(s.accessToken).sid) };
  return { id, phone, email, caller, refreshToken: s.refreshToken! };
}

describe('phone codes', () => {
  test('burn after 5 wrong tries, even with the right code afterwards', async () => {
    const { verificationId, code } = await sendCode(newPhone());
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 1; i--)
      await expect(request(world.nc, verifyPhoneCode, { verificationId, code: wrong })).rejects.toMatchObject({
        code: 'code_invalid',
        details: { attemptsLeft: i },
      });
    await expect(request(world.nc, verifyPhoneCode, { verificationId, code: wrong })).rejects.toMatchObject({
      code: 'code_attempts_exceeded',
    });
    await expect(request(world.nc, verifyPhoneCode, { verificationId, code })).rejects.toMatchObject({
      code: 'code_attempts_exceeded',
    });
  });

  test('expire after 5 minutes', async () => {
    const { verificationId, code } = await sendCode(newPhone());
    await sql`update auth.phone_verifications set expires_at = now() - interval '1 second' where id = ${verificationId}`;
    await expect(request(world.nc, verifyPhoneCode, { verificationId, code })).rejects.toMatchObject({
      code: 'code_expired',
    });
  });

  test('are sent once a minute and 5 times an hour per phone, with the wait in the answer', async () => {
    const phone = newPhone();
    await request(world.nc, sendPhoneCode, { phone, purpose: 'signup' }, { context: anon('10.9.0.1') });
    const refused = await request(
      world.nc,
      sendPhoneCode,
      { phone, purpose: 'reset' },
      { context: anon('10.9.0.2') },
    ).catch((e) => e);
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(refused.details.retryAfterMs).toBeGreaterThan(50_000);
    expect(refused.details.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('login', () => {
  test('answers an unknown account exactly like a wrong password', async () => {
    const { email } = await account();
    const wrong = await request(
      world.nc,
      login,
      { login: email, password: 'not the password' },
      { context: anon() },
    ).catch((e) => e);
    const unknown = await request(
      world.nc,
      login,
      { login: `nobody.${unique()}@example.com`, password: 'not the password' },
      { context: anon() },
    ).catch((e) => e);
    expect(wrong.toBody()).toEqual(unknown.toBody());
    expect(wrong.toBody()).toEqual({
      code: 'invalid_credentials',
      message: 'wrong login or password',
      details: { attemptsLeft: 4 },
    });
  });

  test('locks an account for 15 minutes after 5 wrong passwords, the right one included', async () => {
    const { email } = await account();
    for (let i = 0; i < 5; i++)
      await expect(
        request(world.nc, login, { login: email, password: `wrong password ${i}` }, { context: anon() }),
      ).rejects.toMatchObject({ code: 'invalid_credentials', details: { attemptsLeft: 4 - i } });
    const locked = await request(world.nc, login, { login: email, password: PASSWORD }, { context: anon() }).catch(
      (e) => e,
    );
    expect(locked).toMatchObject({ code: 'account_locked' });
    expect(locked.details.retryAfterMs).toBeGreaterThan(14 * 60_000);
    await world.resetLimits();
  });

  test('checks at most 5 passwords of a burst of parallel guesses from many addresses', async () => {
    const { email } = await account();
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        request(world.nc, login, { login: email, password: `wrong password ${i}` }, { context: anon(`10.7.0.${i}`) })
          .then(() => 'logged in')
          .catch((e) => e.code),
      ),
    );
    expect(guesses.filter((c) => c === 'invalid_credentials').length).toBeLessThanOrEqual(5);
    expect(guesses.filter((c) => c !== 'invalid_credentials')).toEqual(guesses.filter((c) => c === 'account_locked'));
    await expect(
      request(world.nc, login, { login: email, password: PASSWORD }, { context: anon('10.7.1.1') }),
    ).rejects.toMatchObject({ code: 'account_locked' });
    await world.resetLimits();
  });

  test('counts a burst of wrong current passwords the same way', async () => {
    const { caller } = await account();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        request(world.nc, deleteProfile, { password: `wrong password ${i}` }, { context: as(caller) })
          .then(() => 'deleted')
          .catch((e) => e.code),
      ),
    );
    expect(answers.filter((c) => c === 'wrong_password').length).toBeLessThanOrEqual(5);
    expect(answers.filter((c) => c !== 'wrong_password').every((c) => c === 'account_locked')).toBe(true);
    await world.resetLimits();
  });

  test('is limited per client address, across replicas', async () => {
    const ip = `10.8.${n}.1`;
    const limited = await world.replica();
    try {
      let refused: unknown;
      for (let i = 0; i < 40 && !refused; i++)
        refused = await request(
          world.nc,
          login,
          { login: `x${i}@example.com`, password: 'whatever it is' },
          { context: anon(ip) },
        )
          .then(() => undefined)
          .catch((e) => (e.code === 'rate_limited' ? e : undefined));
      expect(refused).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: expect.any(Number) } });
    } finally {
      await limited.stop();
      await world.resetLimits();
    }
  });
});

describe('email links', () => {
  test('resend and reset answer the same whether or not the account exists', async () => {
    const { email } = await account();
    const other = `nobody.${unique()}@example.com`;
    for (const contract of [resendEmailVerification, requestPasswordResetEmail]) {
      const known = await request(world.nc, contract, { email }, { context: anon() });
      const unknown = await request(world.nc, contract, { email: other }, { context: anon() });
      expect(known).toEqual(unknown);
      expect(known).toEqual({ accepted: true });
    }
  });

  test('reset the password by email and sign every session out', async () => {
    const a = await account();
    const second = await request(world.nc, login, { login: a.email, password: PASSWORD }, { context: anon() });
    const from = world.jobs.length;
    await request(world.nc, requestPasswordResetEmail, { email: a.email }, { context: anon() });
    const resetToken = await eventually(() => lastLinkToken(world.jobs, a.email, from), { what: 'the reset email' });
    const reply = await request(world.nc, setPassword, { resetToken, newPassword: 'another long passphrase' });
    expect(reply).toEqual({ changed: true, sessionsRevoked: 2 });
    expect(await world.redis.exists(`auth:revoked:${a.caller.sessionId}`)).toBe(1);
    await expect(request(world.nc, refreshSession, { refreshToken: second.refreshToken! })).rejects.toMatchObject({
      code: 'refresh_invalid',
    });
    await expect(
      request(world.nc, setPassword, { resetToken, newPassword: 'a third long passphrase' }),
    ).rejects.toMatchObject({ code: 'email_token_invalid' });
    await request(world.nc, login, { login: a.email, password: 'another long passphrase' }, { context: anon() });
  });

  test('reset the password with a phone verification', async () => {
    const a = await account();
    await world.resetLimits();
    const { verificationId, code } = await sendCode(a.phone, 'reset');
    await request(world.nc, verifyPhoneCode, { verificationId, code });
    await request(world.nc, setPassword, { phoneVerificationId: verificationId, newPassword: 'reset by phone works' });
    await request(world.nc, login, { login: a.phone, password: 'reset by phone works' }, { context: anon() });
  });

  test('change the password with the current one and keep only the current session', async () => {
    const a = await account();
    const other = await request(world.nc, login, { login: a.email, password: PASSWORD }, { context: anon() });
    await expect(
      request(
        world.nc,
        setPassword,
        { currentPassword: 'not it at all', newPassword: 'changed passphrase!' },
        { context: as(a.caller) },
      ),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    await expect(
      request(world.nc, setPassword, { currentPassword: PASSWORD, newPassword: 'changed passphrase!' }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    const reply = await request(
      world.nc,
      setPassword,
      { currentPassword: PASSWORD, newPassword: 'changed passphrase!' },
      { context: as(a.caller) },
    );
    expect(reply.sessionsRevoked).toBe(1);
    await expect(request(world.nc, refreshSession, { refreshToken: other.refreshToken! })).rejects.toMatchObject({
      code: 'refresh_invalid',
    });
    await request(world.nc, refreshSession, { refreshToken: a.refreshToken });
  });
});

describe("an account's data", () => {
  test('is out of reach of another user', async () => {
    const a = await account();
    const b = await account();
    await expect(
      request(world.nc, revokeSession, { id: a.caller.sessionId }, { context: as(b.caller) }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    const token = `fcm-token-${unique()}-abcdefgh`;
    await request(world.nc, registerDevice, { token, platform: 'android' }, { context: as(a.caller) });
    await expect(request(world.nc, unregisterDevice, { token }, { context: as(b.caller) })).rejects.toMatchObject({
      code: 'not_found',
    });
    const sessionsOfB = await request(world.nc, listSessions, {}, { context: as(b.caller) });
    expect(sessionsOfB.map((s) => s.id)).toEqual([b.caller.sessionId]);
    expect(sessionsOfB[0]?.current).toBe(true);
    await expect(request(world.nc, deleteProfile, { password: PASSWORD }, { context: as(b.caller) })).resolves.toEqual({
      deleted: true,
    });
    await expect(
      request(world.nc, getPublicUser, { id: a.caller.userId }, { context: as(a.caller) }),
    ).resolves.toMatchObject({
      id: a.caller.userId,
    });
    await expect(
      request(world.nc, getPublicUser, { id: b.caller.userId }, { context: as(a.caller) }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  test("lists a user's push tokens until the session that registered them ends", async () => {
    const a = await account();
    const token = `fcm-token-${unique()}-abcdefgh`;
    await request(world.nc, registerDevice, { token, platform: 'ios' }, { context: as(a.caller) });
    await expect(request(world.nc, listDevices, { userIds: [a.caller.userId] })).resolves.toEqual({
      devices: [{ userId: a.caller.userId, token, platform: 'ios' }],
    });
    await request(world.nc, revokeSession, { id: a.caller.sessionId }, { context: as(a.caller) });
    await expect(request(world.nc, listDevices, { userIds: [a.caller.userId] })).resolves.toEqual({ devices: [] });
  });
});

describe('the profile', () => {
  test('changes name and nickname at once, and the email once the new address confirms it', async () => {
    const a = await account();
    const updates: string[] = [];
    const sub = subscribeEvent(world.nc, userUpdated, ({ user }) => void updates.push(user.nickname), {
      logger: world.logger,
    });
    const newEmail = `new.${a.id}@example.com`;
    const from = world.jobs.length;
    const changed = await request(
      world.nc,
      updateProfile,
      { name: 'Ada Lovelace', nickname: `ada_${a.id}`, email: newEmail },
      { context: as(a.caller) },
    );
    expect(changed).toMatchObject({ name: 'Ada Lovelace', nickname: `ada_${a.id}`, email: a.email });
    const token = await eventually(() => lastLinkToken(world.jobs, newEmail, from), { what: 'the confirmation' });
    await request(world.nc, verifyEmail, { token });
    await request(world.nc, login, { login: newEmail, password: PASSWORD }, { context: anon() });
    await eventually(() => updates.includes(`ada_${a.id}`), { what: 'auth.user.updated' });
    sub.unsubscribe();
    await expect(request(world.nc, updateProfile, {}, { context: as(a.caller) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('cleanup', () => {
  test('purges expired codes and ended sessions', async () => {
    const a = await account();
    await sql`update auth.phone_verifications set expires_at = now() - interval '1 minute'`;
    await sql`update auth.sessions set expires_at = now() - interval '1 minute' where id = ${a.caller.sessionId}`;
    const { purged } = await request(world.nc, authCleanup, { period: 'test' });
    expect(purged.phoneVerifications).toBeGreaterThan(0);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    const [left] = await sql`select count(*)::int as n from auth.sessions where id = ${a.caller.sessionId}`;
    expect(left?.n).toBe(0);
  });
});
