import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { smsSend } from '@seed/contracts';
import { createRedisDoneRecords, ensureJobStreams, listDeadJobs, startJobConsumer } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect, startFakeSmsProvider, test } from '@seed/testkit';
import { createWebhookSmsDriver } from '../src/drivers/index.ts';
import { createSmsSendHandler } from '../src/jobs/index.ts';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

describe('an SMS provider that fails', () => {
  test('makes the job retry, and after the last try land in the dead-letter stream', async ({ nc, redis, logger }) => {
    const failing = await startFakeSmsProvider();
    failing.status = 500;
    const js = jetstream(nc);
    await ensureJobStreams(js);
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
      { done: createRedisDoneRecords(redis, { keyPrefix: `test:${unique()}:` }), logger },
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
  test('refuses to start with a bad SMS webhook URL, naming the variable', ({ natsUrl }) => {
    const main = join(import.meta.dirname, '../src/main.ts');
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, SMS_DRIVER: 'webhook', SMS_WEBHOOK_URL: 'not a url', NATS_URL: natsUrl },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toContain('SMS_WEBHOOK_URL');
  });
});
