import { MetricsRegistry } from '@seed/runtime';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { httpMetrics, UNMATCHED_ROUTE } from './metrics.ts';

async function appWith(registry: MetricsRegistry) {
  const app = Fastify();
  await app.register(httpMetrics, { registry });
  app.get('/api/v1/things/:thingId', async (req) => req.params);
  app.post('/api/v1/things/:thingId/notes', async (_req, reply) => reply.code(409).send({ error: 'conflict' }));
  return app;
}

async function samples(registry: MetricsRegistry, name: string) {
  const metric = registry.getSingleMetric(name);
  return metric ? (await metric.get()).values : [];
}

describe('http metrics', () => {
  let app: Awaited<ReturnType<typeof appWith>> | undefined;
  afterEach(() => app?.close());

  it('labels requests with the route pattern, never the requested path', async () => {
    const registry = new MetricsRegistry();
    app = await appWith(registry);
    await app.inject({ method: 'GET', url: '/api/v1/things/1' });
    await app.inject({ method: 'GET', url: '/api/v1/things/2?x=y' });
    await app.inject({ method: 'POST', url: '/api/v1/things/3/notes', payload: {} });

    const requests = await samples(registry, 'seed_http_requests_total');
    expect(requests.map((s) => ({ labels: s.labels, value: s.value }))).toEqual(
      expect.arrayContaining([
        { labels: { method: 'GET', route: '/api/v1/things/:thingId', status: 200 }, value: 2 },
        { labels: { method: 'POST', route: '/api/v1/things/:thingId/notes', status: 409 }, value: 1 },
      ]),
    );
    expect(requests.every((s) => !String(s.labels.route).match(/\/\d/))).toBe(true);
    const durations = await samples(registry, 'seed_http_request_duration_seconds');
    const count = durations.find(
      (s) =>
        (s as { metricName?: string }).metricName?.endsWith('_count') && s.labels.route === '/api/v1/things/:thingId',
    );
    expect(count?.value).toBe(2);
  });

  it('labels requests no route matched as unmatched', async () => {
    const registry = new MetricsRegistry();
    app = await appWith(registry);
    await app.inject({ method: 'GET', url: '/api/v1/nothing/here/42' });
    await app.inject({ method: 'GET', url: '/api/v1/nothing/else/43' });

    const requests = await samples(registry, 'seed_http_requests_total');
    expect(requests.map((s) => ({ labels: s.labels, value: s.value }))).toEqual([
      { labels: { method: 'GET', route: UNMATCHED_ROUTE, status: 404 }, value: 2 },
    ]);
  });
});
