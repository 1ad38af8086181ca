import { eventually } from '@seed/runtime/testing';
import {
  fetchJson as call,
  describe,
  expect,
  type TestGateway as Gateway,
  startFakeMailServer,
  startFakeSmsProvider,
} from '@seed/testkit';
import { type AuthWorld, test } from '../support/fixtures.ts';

let world: AuthWorld;
let gw: Gateway;
let mail: Awaited<ReturnType<typeof startFakeMailServer>>;
let sms: Awaited<ReturnType<typeof startFakeSmsProvider>>;
const PASSWORD = 'a long safe passphrase';
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const data = <T>(r: { body: unknown }) => (r.body as { data: T }).data;
const post = (path: string, body: unknown, token?: string) =>
  call(gw.url, 'POST', path, { body, ...(token ? { token } : {}) });

test.beforeAll(async ({ authWorld, gateway, startTestService }) => {
  mail = await startFakeMailServer();
  sms = await startFakeSmsProvider();
  world = authWorld;
  gw = gateway;
  await startTestService('worker', {
    env: {
      EMAIL_DRIVER: 'smtp',
      SMTP_URL: mail.url,
      EMAIL_FROM: 'Seed <no-reply@seed.test>',
      SMS_DRIVER: 'webhook',
      SMS_WEBHOOK_URL: sms.url,
      SMS_WEBHOOK_TOKEN: 'provider-secret',
    },
  });
});
test.afterAll(async () => {
  await sms?.stop();
  await mail?.stop();
});

describe('messages reach people through the worker', () => {
  test('a phone signup reads its code from the SMS provider and gets going', async () => {
    const phone = `+8218${String(Date.now()).slice(-8)}`;
    const sent = await post('/api/v1/auth/phone/codes', { phone, purpose: 'signup' });
    expect(sent.status).toBe(201);
    const message = await eventually(() => sms.messages.find((m) => m.to === phone), { what: 'the SMS' });
    expect(message.authorization).toBe('Bearer provider-secret');
    expect(message.text).toMatch(/^Your Seed verification code is \d{6}\. It expires in 5 minutes\.$/);
    const code = message.text.match(/\d{6}/)![0];
    const { verificationId } = data<{ verificationId: string }>(sent);
    expect((await post('/api/v1/auth/phone/verify', { verificationId, code })).status).toBe(200);
    const id = unique();
    const signed = await post('/api/v1/auth/signup', {
      email: `sms.${id}@example.com`,
      password: PASSWORD,
      nickname: `sms_${id}`,
      phoneVerificationId: verificationId,
    });
    expect(signed.status).toBe(201);
    const { accessToken, refreshToken } = data<{ accessToken: string; refreshToken: string }>(signed);
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: accessToken })).status).toBe(200);
    expect((await post('/api/v1/auth/logout', {}, data<{ accessToken: string }>(refreshed).accessToken)).status).toBe(
      200,
    );
    // Signing out ends the session, whichever of its access tokens is shown.
    expect((await call(gw.url, 'GET', '/api/v1/users/me', { token: accessToken })).status).toBe(401);
  });

  test('an email signup opens the link from the mailbox, then logs in', async () => {
    const id = unique();
    const email = `smtp.${id}@example.com`;
    expect((await post('/api/v1/auth/signup', { email, password: PASSWORD, nickname: `smtp_${id}` })).status).toBe(201);
    const received = await eventually(() => mail.mails.find((m) => m.to.includes(email)), { what: 'the email' });
    expect(received.text).toContain('Subject: Confirm your email address');
    expect(received.text).toContain('From: Seed <no-reply@seed.test>');
    const token = received.text.match(/verify-email\?token=([A-Za-z0-9_-]+)/)![1];
    expect((await post('/api/v1/auth/email/verify', { token })).status).toBe(200);
    const logged = await post('/api/v1/auth/login', { login: email, password: PASSWORD });
    expect(logged.status).toBe(200);
    expect((await post('/api/v1/auth/logout', {}, data<{ accessToken: string }>(logged).accessToken)).status).toBe(200);
  });

  test('a password reset link arrives by email', async () => {
    const id = unique();
    const email = `reset.${id}@example.com`;
    await post('/api/v1/auth/signup', { email, password: PASSWORD, nickname: `reset_${id}` });
    await world.auth.infra.database.sql`update auth.users set email_verified_at = now() where email = ${email}`;
    expect((await post('/api/v1/auth/password/reset-email', { email })).status).toBe(202);
    const received = await eventually(
      () => mail.mails.find((m) => m.to.includes(email) && m.text.includes('Reset your password')),
      { what: 'the reset email' },
    );
    const resetToken = received.text.match(/reset-password\?token=([A-Za-z0-9_-]+)/)![1];
    const res = await call(gw.url, 'PUT', '/api/v1/auth/password', {
      body: { resetToken, newPassword: 'brand new passphrase' },
    });
    expect(res.status).toBe(200);
    expect((await post('/api/v1/auth/login', { login: email, password: 'brand new passphrase' })).status).toBe(200);
  });
});
