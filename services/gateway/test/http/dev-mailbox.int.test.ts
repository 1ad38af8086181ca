import { listMailbox, type MailboxMessage } from '@seed/contracts';
import {
  connectNats,
  createLogger,
  createRedis,
  createServiceHost,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import { type PrivateNats, startPrivateNats, testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const contracts = testContracts(uniqueName('gwmail'));

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
  let nats: PrivateNats;
  let nc: NatsConnection;
  let redis: Redis;
  let worker: ServiceHost;
  const asked: unknown[] = [];
  const gateways: TestGateway[] = [];
  const gateway = async (env: Record<string, string> = {}) => {
    const g = await startTestGateway({ nc, redis, contracts, env });
    gateways.push(g);
    return g;
  };

  beforeAll(async () => {
    nats = await startPrivateNats();
    nc = await connectNats({ url: nats.url, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    worker = await createServiceHost(nc, { name: 'worker', version: '0.0.1', logger });
    worker.serve(listMailbox, (query) => {
      asked.push(query);
      return { messages: [code, verification].filter((m) => !query.to || m.to === query.to) };
    });
  });
  afterAll(async () => {
    for (const g of gateways) await g.stop();
    await worker?.stop();
    await nc?.drain();
    await redis?.quit();
    await nats?.stop();
  });

  it('answers the worker’s mailbox as JSON, filtered by recipient', async () => {
    const { baseUrl } = await gateway();
    const res = await fetch(`${baseUrl}/api/v1/dev/mailbox?to=ada@example.com`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [verification] });
    expect(asked.at(-1)).toEqual({ to: 'ada@example.com', limit: 100 });
    expect((await fetch(`${baseUrl}/api/v1/dev/mailbox?limit=0`)).status).toBe(400);
  });

  it('shows a page with the links clickable and the codes as buttons', async () => {
    const { baseUrl } = await gateway();
    const res = await fetch(`${baseUrl}/dev/mailbox`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.indexOf('482913')).toBeLessThan(html.indexOf('Confirm your email'));
    expect(html).toContain(
      '<a href="http://localhost:8080/console/?action=verify-email&amp;token=abc">http://localhost:8080/console/?action=verify-email&amp;token=abc</a>',
    );
    expect(html).toContain('<button class="code" data-code="482913"');
    expect(html).toContain('&lt;soon&gt;');
  });

  it('shows the problem on the page, not a 500, for a filter repeated or too long', async () => {
    const { baseUrl } = await gateway();
    for (const query of ['to=a@example.com&to=b@example.com', `to=${'x'.repeat(300)}`]) {
      const res = await fetch(`${baseUrl}/dev/mailbox?${query}`);
      expect(res.status, query).toBe(200);
      expect(await res.text(), query).toContain('invalid request');
    }
    expect((await fetch(`${baseUrl}/api/v1/dev/mailbox?to=a@example.com&to=b@example.com`)).status).toBe(400);
  });

  it('has no mailbox in production', async () => {
    const { baseUrl } = await gateway({ NODE_ENV: 'production' });
    expect((await fetch(`${baseUrl}/api/v1/dev/mailbox`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/dev/mailbox`)).status).toBe(404);
  });
});
