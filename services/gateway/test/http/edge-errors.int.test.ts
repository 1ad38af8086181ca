import { request as httpRequest } from 'node:http';
import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { TEST_API as api } from '../support/test-service.ts';

/** A raw HTTP request, so the path reaches the gateway exactly as written (fetch would normalise it). */
const send = (port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });

describe('errors the gateway answers itself', () => {
  let gateway: TestGateway;

  test.beforeAll(({ gateway: started }) => {
    gateway = started;
  });

  const json = { 'content-type': 'application/json' };
  test.each([
    ['a path that is not valid percent-encoding', 'GET', `${api}/docs/%E0%A4%A`, {}, undefined, 400, 'bad_request'],
    [
      'a path parameter beyond 4096 characters',
      'GET',
      `${api}/docs/${'1'.repeat(5000)}`,
      {},
      undefined,
      414,
      'uri_too_long',
    ],
    ['an unknown route', 'GET', `${api}/nowhere`, {}, undefined, 404, 'route_not_found'],
    [
      'a URL beyond the header limit',
      'GET',
      `${api}/things?q=${'q'.repeat(40_000)}`,
      {},
      undefined,
      431,
      'headers_too_large',
    ],
    ['a body that is not JSON', 'POST', `${api}/things/1/echo`, json, '{bad', 400, 'bad_request'],
    ['a __proto__ key', 'POST', `${api}/things/1/echo`, json, '{"__proto__":{"x":1},"text":"a"}', 400, 'bad_request'],
    [
      'a body of another type',
      'POST',
      `${api}/things/1/echo`,
      { 'content-type': 'text/plain' },
      'hi',
      415,
      'unsupported_media_type',
    ],
  ] as const)('answers %s as {error: {code, message}}', async (_what, method, path, headers, body, status, code) => {
    const res = await send(gateway.port, method, path, headers, body);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  test('takes an empty JSON body for none, so the route names what it lacks', async () => {
    const res = await send(gateway.port, 'POST', `${api}/things/1/echo`, json, '');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation_failed', message: expect.any(String) } });
  });

  test('serves a path parameter as long as a push token', async () => {
    const res = await send(gateway.port, 'GET', `${api}/docs/${'1'.repeat(300)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
