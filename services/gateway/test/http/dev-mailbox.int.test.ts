import { listMailbox, type MailboxMessage } from '@seed/contracts';
import { createServiceHost, type ServiceHost } from '@seed/runtime';
import { describe, expect } from '@seed/testkit';
import { test } from '../support/fixtures.ts';

const verification: MailboxMessage = {
  id: 'm1',
  kind: 'email',
  to: 'ada@example.com',
  subject: 'Confirm your email address',
  text: 'Open http://localhost:8080/console/?action=verify-email&token=abc <soon>',
  data: null,
  sentAt: '2026-12-01T10:00:00.000Z',
  links: ['http://localhost:8080/console/?action=verify-email&token=abc'],
  tokens: ['abc'],
  codes: [],
};
const code: MailboxMessage = {
  ...verification,
  id: 'm2',
  kind: 'sms',
  to: '+821012345678',
  subject: null,
  text: 'Your code is 482913.',
  links: [],
  tokens: [],
  codes: ['482913'],
};

describe('the development mailbox on the gateway', () => {
  let worker: ServiceHost;
  const asked: unknown[] = [];

  // The worker as the gateway reaches it: its mailbox request, answering these two messages.
  test.beforeAll(async ({ nc, logger }) => {
    worker = await createServiceHost(nc, { name: 'worker', version: '0.0.1', logger });
    worker.serve(listMailbox, (query) => {
      asked.push(query);
      return { messages: [code, verification].filter((m) => !query.to || m.to === query.to) };
    });
  });
  test.afterAll(() => worker?.stop());

  test('answers the worker’s mailbox as JSON, filtered by recipient', async ({ gateway }) => {
    const res = await fetch(`${gateway.url}/api/v1/dev/mailbox?to=ada@example.com`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [verification] });
    expect(asked.at(-1)).toEqual({ to: 'ada@example.com', limit: 100 });
    expect((await fetch(`${gateway.url}/api/v1/dev/mailbox?limit=0`)).status).toBe(400);
  });

  test('shows a page with the links clickable and the codes as buttons', async ({ gateway }) => {
    const res = await fetch(`${gateway.url}/dev/mailbox`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.indexOf('482913')).toBeLessThan(html.indexOf('Confirm your email'));
    expect(html).toContain(
      '<a href="http://localhost:8080/console/?action=verify-email&amp;token=abc">http://localhost:8080/console/?action=verify-email&amp;token=abc</a>',
    );
    expect(html).toContain('<button class="code" data-code="482913"');
    expect(html).toContain('&lt;soon&gt;');
  });

  test('has no mailbox in production', async ({ startTestGateway }) => {
    const { url } = await startTestGateway({ env: { NODE_ENV: 'production' } });
    expect((await fetch(`${url}/api/v1/dev/mailbox`)).status).toBe(404);
    expect((await fetch(`${url}/dev/mailbox`)).status).toBe(404);
  });
});
