import type { PrivateRedis } from '@seed/runtime/testing';
import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

/** Only guards against a hang: a request still open after this is a failure, however slow the machine. */
const HANG = 15_000;

// This file stalls Redis: it runs on a redis-server of its own.
test.override('redisUrl', { scope: 'file' }, ({ privateRedis }) => privateRedis.url);

describe('the gateway while its Redis stalls', () => {
  let redisServer: PrivateRedis;
  let gateway: TestGateway;
  let token: string;

  test.beforeAll(async ({ privateRedis, gateway: started, fakeAuth }) => {
    redisServer = privateRedis;
    gateway = started;
    token = await fakeAuth.sign('1001', { sessionId: '2001' });
  });
  test.afterAll(() => redisServer?.resume());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${api}${path}`, { headers, signal: AbortSignal.timeout(HANG) });

  test('serves public routes, and answers signed-in ones 503 service_unavailable, without waiting for Redis', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await get('/me', auth)).status).toBe(200);

    redisServer.stall();
    try {
      const open = await get('/things?q=during');
      expect(open.status).toBe(200);
      expect((await json(open)).data).toMatchObject({ q: 'during' });
      const signedIn = await get('/me', auth);
      expect(signedIn.status).toBe(503);
      expect((await json(signedIn)).error.code).toBe('service_unavailable');
    } finally {
      redisServer.resume();
    }
    expect((await get('/me', auth)).status).toBe(200);
  });
});
