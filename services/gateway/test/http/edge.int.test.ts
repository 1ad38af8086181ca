import {
  connectNats,
  createLogger,
  createRedis,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import { testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { startTestService, testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwedge');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;
const appOrigin = 'https://app.example';

describe('two gateway replicas on one Redis', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    service = await startTestService(nc, contracts, prefix, { logger });
    a = await startTestGateway({ nc, redis, contracts });
    b = await startTestGateway({ nc, redis, contracts, env: { CORS_ORIGINS: appOrigin } });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await service?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('share a route rate limit: past it, either answers 429 rate_limited with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${a.baseUrl}${api}/limited`)).status).toBe(200);
    const res = await fetch(`${b.baseUrl}${api}/limited`);
    expect(res.status).toBe(429);
    expect((await json(res)).error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await fetch(`${a.baseUrl}${api}/limited`)).status).toBe(429);
  });

  it('keep other routes out of a route limit', async () => {
    expect((await fetch(`${a.baseUrl}${api}/things?q=x`)).status).toBe(200);
  });

  it('allow a configured browser origin and no other', async () => {
    const preflight = (base: string, origin: string) =>
      fetch(`${base}${api}/things/1/echo`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(b.baseUrl, appOrigin);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(b.baseUrl, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(a.baseUrl, appOrigin)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
