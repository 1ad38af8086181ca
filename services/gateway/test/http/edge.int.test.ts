import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

const appOrigin = 'https://app.example';

describe('two gateway replicas on one Redis', () => {
  let a: TestGateway;
  let b: TestGateway;

  test.beforeAll(async ({ gateway, startTestGateway }) => {
    a = gateway;
    b = await startTestGateway({ env: { CORS_ORIGINS: appOrigin } });
  });

  test('share a route rate limit: past it, either answers 429 rate_limited with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${a.url}${api}/limited`)).status).toBe(200);
    const res = await fetch(`${b.url}${api}/limited`);
    expect(res.status).toBe(429);
    expect((await json(res)).error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await fetch(`${a.url}${api}/limited`)).status).toBe(429);
  });

  test('keep other routes out of a route limit', async () => {
    expect((await fetch(`${a.url}${api}/things?q=x`)).status).toBe(200);
  });

  test('allow a configured browser origin and no other', async () => {
    const preflight = (base: string, origin: string) =>
      fetch(`${base}${api}/things/1/echo`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(b.url, appOrigin);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(b.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(a.url, appOrigin)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
