import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { smsSend } from '@seed/contracts';
import { createRedisDoneStore, listDeadJobs, startJobConsumer } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp as createWorker, type WorkerApp } from '../../../worker/src/app.ts';
import { loadConfig as loadWorkerConfig } from '../../../worker/src/config.ts';
import { createWebhookSmsDriver } from '../../../worker/src/drivers/sms.driver.ts';
import { createSmsSendHandler } from '../../../worker/src/jobs/sms-send.handler.ts';
import { type AuthWorld, startAuthWorld } from '../support/auth-world.ts';
import { startMailServer, startSmsProvider } from '../support/fake-providers.ts';
import { call, type Gateway, startGateway } from '../support/gateway.ts';

let world: AuthWorld;
let gw: Gateway;
let worker: WorkerApp;
let mail: Awaited<ReturnType<typeof startMailServer>>;
let sms: Awaited<ReturnType<typeof startSmsProvider>>;
const PASSWORD = 'a long safe passphrase';
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const data = <T>(r: { body: unknown }) => (r.body as { data: T }).data;
const post = (path: string, body: unknown, token?: string) =>
  call(gw.url, 'POST', path, { body, ...(token ? { token } : {}) });

beforeAll(async () => {
  mail = await startMailServer();
  sms = await startSmsProvider();
  world = await startAuthWorld({ captureJobs: false });
  gw = await startGateway(world.nc, world.redis);
  const config = loadWorkerConfig({
    NATS_URL: world.nats.url,
    LOG_LEVEL: 'silent',
    EMAIL_DRIVER: 'smtp',
    SMTP_URL: mail.url,
    EMAIL_FROM: 'Seed <no-reply@seed.test>',
    SMS_DRIVER: 'webhook',
    SMS_WEBHOOK_URL: sms.url,
    SMS_WEBHOOK_TOKEN: 'provider-secret',
  });
  worker = await createWorker(config, { nc: world.nc, redis: world.redis, logger: world.logger, cleanups: [] });
});
afterAll(async () => {
  await worker?.stop();
  await gw?.stop();
  await world?.stop();
  await sms?.stop();
  await mail?.stop();
});

describe('messages reach people through the worker', () => {
  it('a phone signup reads its code from the SMS provider and gets going', async () => {
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

  it('an email signup opens the link from the mailbox, then logs in', async () => {
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

  it('a password reset link arrives by email', async () => {
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

describe('an SMS provider that fails', () => {
  it('makes the job retry, and after the last try land in the dead-letter stream', async () => {
    const failing = await startSmsProvider();
    failing.status = 500;
    const js = jetstream(world.nc);
    // The real handler and driver, under a copy of the contract with short back-off.
    const quick = {
      ...smsSend,
      subject: 'jobs.smsretry.send',
      backoffMs: [50],
      maxDeliver: 3,
    } as unknown as typeof smsSend;
    const consumer = await startJobConsumer(
      js,
      quick,
      createSmsSendHandler({ sms: createWebhookSmsDriver({ url: failing.url, timeoutMs: 5_000 }) }),
      { done: createRedisDoneStore(world.redis, { keyPrefix: `test:${unique()}:` }), logger: world.logger },
    );
    try {
      await js.publish('jobs.smsretry.send', JSON.stringify({ to: '+821099998888', text: 'Your code is 123456' }), {
        msgID: `retry-${unique()}`,
      });
      const dead = await eventually(
        async () => (await listDeadJobs(js)).find((j) => j.subject === 'jobs.smsretry.send'),
        { what: 'the dead job' },
      );
      expect(failing.attempts()).toBe(3);
      expect(dead.error).toContain('SMS provider answered 500');
      expect(dead.deliveries).toBe(3);
    } finally {
      await consumer.stop();
      await failing.stop();
    }
  });
});

describe('worker configuration', () => {
  it('refuses to start with a bad SMS webhook URL, naming the variable', () => {
    const main = join(import.meta.dirname, '../../../worker/src/main.ts');
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, SMS_DRIVER: 'webhook', SMS_WEBHOOK_URL: 'not a url', NATS_URL: world.nats.url },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toContain('SMS_WEBHOOK_URL');
  });
});
