import { freePort, metricSamples, metricValue, scrapeMetrics } from '@seed/runtime/testing';
import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { TEST_API as api, contracts, TEST_SERVICE } from '../support/test-service.ts';

describe('metrics of requests through the gateway', () => {
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
    metricValue(text, 'seed_nats_requests_total', { service: TEST_SERVICE, subject, outcome });

  test.beforeAll(async ({ startTestGateway }) => {
    opsPort = await freePort();
    gateway = await startTestGateway({ env: { OPS_PORT: String(opsPort) } });
  });

  test('counts HTTP requests by route pattern and status, and the NATS requests behind them by outcome', async () => {
    const echoRoute = `${api}/things/:thingId/echo`;
    const failRoute = `${api}/failures/:kind`;
    const post = (thingId: string) =>
      fetch(`${gateway.url}${api}/things/${thingId}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
    expect((await post('41')).status).toBe(201);
    expect((await post('42')).status).toBe(201);
    expect((await fetch(`${gateway.url}${api}/failures/not_found`)).status).toBe(404);
    expect((await fetch(`${gateway.url}${api}/crash`)).status).toBe(500);
    expect((await fetch(`${gateway.url}${api}/no/such/route/7`)).status).toBe(404);

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
        service: TEST_SERVICE,
        subject: contracts.echo.subject,
      }),
    ).toBe(2);
  });

  test('serves metrics on the ops port only, not on the public one', async () => {
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
    const text = await scrape();
    expect(metricSamples(text, 'process_cpu_user_seconds_total')[0]?.labels.service).toBe('gateway');
  });
});
