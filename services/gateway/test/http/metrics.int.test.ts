import {
  connectNats,
  createLogger,
  createRedis,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import {
  freePort,
  metricSamples,
  metricValue,
  scrapeMetrics,
  testRedisPrefix,
  testServers,
  uniqueName,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { startTestService, type TestContracts, testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwmetrics');
const contracts: TestContracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;

describe('metrics of requests through the gateway', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let gateway: TestGateway;
  let opsPort: number;
  const scrape = () => scrapeMetrics(`http://127.0.0.1:${opsPort}/metrics`);
  const scrapeUntil = async (done: (text: string) => boolean) => {
    for (let attempt = 0; ; attempt++) {
      const text = await scrape();
      if (done(text) || attempt === 50) return text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const http = (text: string, labels: Record<string, string>) => metricValue(text, 'seed_http_requests_total', labels);
  const nats = (text: string, subject: string, outcome: string) =>
    metricValue(text, 'seed_nats_requests_total', { service: `svc_${prefix}`, subject, outcome });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    service = await startTestService(nc, contracts, prefix, { logger });
    opsPort = await freePort();
    gateway = await startTestGateway({ nc, redis, contracts, env: { OPS_PORT: String(opsPort) } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await service?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('counts HTTP requests by route pattern and status, and the NATS requests behind them by outcome', async () => {
    const echoRoute = `${api}/things/:thingId/echo`;
    const failRoute = `${api}/failures/:kind`;
    const post = (thingId: string) =>
      fetch(`${gateway.baseUrl}${api}/things/${thingId}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
    expect((await post('41')).status).toBe(201);
    expect((await post('42')).status).toBe(201);
    expect((await fetch(`${gateway.baseUrl}${api}/failures/not_found`)).status).toBe(404);
    expect((await fetch(`${gateway.baseUrl}${api}/crash`)).status).toBe(500);
    expect((await fetch(`${gateway.baseUrl}${api}/no/such/route/7`)).status).toBe(404);

    // The counters move once each response has finished, which may be just after the client has it.
    const text = await scrapeUntil((t) => http(t, { method: 'GET', route: 'unmatched', status: '404' }) === 1);
    expect(http(text, { method: 'POST', route: echoRoute, status: '201' })).toBe(2);
    expect(http(text, { method: 'GET', route: failRoute, status: '404' })).toBe(1);
    expect(http(text, { method: 'GET', route: `${api}/crash`, status: '500' })).toBe(1);
    expect(metricValue(text, 'seed_http_request_duration_seconds_count', { method: 'POST', route: echoRoute })).toBe(2);
    // Raw paths never become label values.
    const routes = metricSamples(text, 'seed_http_requests_total').map((s) => s.labels.route);
    expect(routes.filter((r) => r?.includes('/41') || r?.includes('/7'))).toEqual([]);

    expect(nats(text, contracts.echo.subject, 'ok')).toBe(2);
    expect(nats(text, contracts.fail.subject, 'client_error')).toBe(1);
    expect(nats(text, contracts.crash.subject, 'server_error')).toBe(1);
    expect(
      metricValue(text, 'seed_nats_request_duration_seconds_count', {
        service: `svc_${prefix}`,
        subject: contracts.echo.subject,
      }),
    ).toBe(2);
  });

  it('serves metrics on the ops port only, not on the public one', async () => {
    expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(404);
    const text = await scrape();
    expect(metricSamples(text, 'process_cpu_user_seconds_total')[0]?.labels.service).toBe('gateway');
  });
});
