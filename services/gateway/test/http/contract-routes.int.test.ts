import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

describe('contract routes', () => {
  let gateway: TestGateway;
  const get = (path: string, init?: RequestInit) => fetch(gateway.url + path, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(gateway.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test.beforeAll(({ gateway: started }) => {
    gateway = started;
  });

  test('forwards a valid request and answers {data} with the declared status', async () => {
    const res = await post(`${api}/things/42/echo`, { text: 'hi', count: 2 });
    expect(res.status).toBe(201);
    expect((await json(res)).data).toMatchObject({ thingId: '42', text: 'hi', count: 2, caller: null });
  });

  test('lets the path, not the body, name the resource', async () => {
    const res = await post(`${api}/things/42/echo`, { text: 'hi', thingId: '7' });
    expect((await json(res)).data.thingId).toBe('42');
  });

  test('reads GET input from the query string, coerced by the contract', async () => {
    const res = await get(`${api}/things?q=tea&limit=5`);
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual({ q: 'tea', limit: 5, cursor: null });
  });

  test('answers invalid input with 400 validation_failed and the issues', async () => {
    const res = await post(`${api}/things/not-an-id/echo`, { text: '', count: 9 });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['count', 'text', 'thingId']);
    expect(error.details[0]).toEqual({
      path: expect.any(String),
      code: expect.any(String),
      message: expect.any(String),
    });
  });

  test('refuses a limit above 100 with 400', async () => {
    const res = await get(`${api}/things?q=tea&limit=101`);
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe('limit');
  });

  test('refuses a body that is not a JSON object with 400', async () => {
    const res = await post(`${api}/things/42/echo`, [1, 2]);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('validation_failed');
  });

  test('refuses malformed JSON with 400 bad_request', async () => {
    const res = await post(`${api}/things/42/echo`, '{"text": ');
    expect(res.status).toBe(400);
    expect((await json(res)).error).toEqual({ code: 'bad_request', message: 'request body is not valid JSON' });
  });

  test('takes a bodiless POST or DELETE sent as application/json as no body', async () => {
    // What fetch wrappers send on every request: the JSON content type, and no body.
    const bodiless = { 'content-type': 'application/json', 'content-length': '0', 'x-csrf-token': 'c0ffee' };
    const posted = await fetch(`${gateway.url}${api}/tokens`, { method: 'POST', headers: bodiless });
    expect(posted.status).toBe(200);
    expect((await json(posted)).data).toMatchObject({ accessToken: 'access-1' });
    for (const headers of [bodiless, { 'content-type': 'application/json' }]) {
      const deleted = await fetch(`${gateway.url}${api}/things/42`, { method: 'DELETE', headers });
      expect(deleted.status).toBe(200);
      expect((await json(deleted)).data).toEqual({ removed: '42' });
    }
  });

  test('refuses a body that is not JSON with 415', async () => {
    const res = await post(`${api}/things/42/echo`, 'text=hi', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe('unsupported_media_type');
  });

  test('refuses a body over the limit with 413', async () => {
    const res = await post(`${api}/things/42/echo`, { text: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload_too_large');
  });

  test('passes a domain error through with its code, status and details', async () => {
    const notFound = await get(`${api}/failures/not_found`);
    expect(notFound.status).toBe(404);
    expect(await json(notFound)).toEqual({
      error: { code: 'not_found', message: 'failure of kind not_found', details: { kind: 'not_found' } },
    });
    const conflict = await get(`${api}/failures/conflict`);
    expect(conflict.status).toBe(409);
    expect((await json(conflict)).error.code).toBe('conflict');
  });

  test('hides an unexpected failure behind 500 internal', async () => {
    const res = await get(`${api}/crash`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toMatch(/hunter2|stack|postgres/);
  });

  test('answers 503 service_unavailable when no service serves the operation', async () => {
    const res = await get(`${api}/nobody`);
    expect(res.status).toBe(503);
    expect((await json(res)).error.code).toBe('service_unavailable');
  });

  test('answers 504 service_timeout when the service does not answer in time', async () => {
    const res = await get(`${api}/hang`);
    expect(res.status).toBe(504);
    expect((await json(res)).error.code).toBe('service_timeout');
  });

  test('answers an unknown route with 404 route_not_found', async () => {
    const res = await get(`${api}/nothing-here`);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('route_not_found');
  });

  test('keeps a sane X-Request-Id and hands it to the service', async () => {
    const res = await post(`${api}/things/1/echo`, { text: 'hi' }, { 'x-request-id': 'client-req_1.a' });
    expect(res.headers.get('x-request-id')).toBe('client-req_1.a');
    expect((await json(res)).data.requestId).toBe('client-req_1.a');
  });

  test('replaces an unsafe X-Request-Id with its own and still hands it on', async () => {
    const res = await post(`${api}/things/1/echo`, { text: 'hi' }, { 'x-request-id': 'a b\u00e9'.repeat(50) });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await json(res)).data.requestId).toBe(id);
  });

  test('names the request id on error responses too', async () => {
    const res = await get(`${api}/nothing-here`, { headers: { 'x-request-id': 'lost-1' } });
    expect(res.headers.get('x-request-id')).toBe('lost-1');
  });

  test('reports liveness and readiness', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: 'ready', checks: { nats: true, redis: true } });
  });
});
