import { jetstream } from '@nats-io/jetstream';
import { emailSend, listMailbox, smsSend } from '@seed/contracts';
import { AppError, enqueueJob, request } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect, test } from '@seed/testkit';

describe('the development mailbox of the worker', () => {
  test('keeps what the log drivers deliver, newest first, with links, tokens and codes', async ({
    startTestService,
    nc,
  }) => {
    const worker = await startTestService('worker');
    const js = jetstream(nc);
    await enqueueJob(js, emailSend, {
      to: 'ada@example.com',
      subject: 'Confirm',
      text: 'Open http://localhost:8080/console/?token=t0k3n please',
    });
    await enqueueJob(js, smsSend, { to: '+821012345678', text: 'Your code is 482913.' });
    const { messages } = await eventually(async () => {
      const reply = await request(nc, listMailbox, {});
      return reply.messages.length === 2 && reply;
    });
    expect(messages.map((m) => m.kind).sort()).toEqual(['email', 'sms']);
    expect(messages.find((m) => m.kind === 'email')).toMatchObject({
      to: 'ada@example.com',
      subject: 'Confirm',
      links: ['http://localhost:8080/console/?token=t0k3n'],
      tokens: ['t0k3n'],
    });
    expect(messages.find((m) => m.kind === 'sms')?.codes).toEqual(['482913']);
    expect(Date.parse(messages[0]!.sentAt)).toBeGreaterThanOrEqual(Date.parse(messages[1]!.sentAt));

    const { messages: ada } = await request(nc, listMailbox, { to: 'ADA@example.com' });
    expect(ada.map((m) => m.kind)).toEqual(['email']);
    await worker.stop();
  });

  test('keeps nothing in production', async ({ startTestService, nc }) => {
    await startTestService('worker', { env: { NODE_ENV: 'production' } });
    const err = await request(nc, listMailbox, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('service_unavailable');
  });
});
