import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api, DOC_VERSION } from '../support/test-service.ts';

describe('headers bound by contracts', () => {
  let gateway: TestGateway;
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(gateway.url + api + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test.beforeAll(({ gateway: started }) => {
    gateway = started;
  });

  test('sends the version as a quoted ETag and answers a matching If-None-Match with 304', async () => {
    const res = await call('GET', '/docs/9');
    expect(res.headers.get('etag')).toBe(`"${DOC_VERSION}"`);
    const again = await call('GET', '/docs/9', { 'if-none-match': `"${DOC_VERSION}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('passes the If-Match version to the service and returns the new ETag', async () => {
    const res = await call('PATCH', '/docs/9', { 'if-match': `"${DOC_VERSION}"` }, { title: 'final' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${DOC_VERSION + 1}"`);
    expect((await json(res)).data.doc).toMatchObject({ version: DOC_VERSION + 1, title: 'final' });
  });

  test('answers a write without If-Match with 428 precondition_required', async () => {
    const res = await call('PATCH', '/docs/9', {}, { title: 'final', version: DOC_VERSION });
    expect(res.status).toBe(428);
    expect((await json(res)).error.code).toBe('precondition_required');
  });

  test('answers a stale If-Match with 412 and the current state', async () => {
    const res = await call('PATCH', '/docs/9', { 'if-match': '"1"' }, { title: 'final' });
    expect(res.status).toBe(412);
    const { error } = await json(res);
    expect(error.code).toBe('version_mismatch');
    expect(error.details.current.version).toBe(DOC_VERSION);
  });

  test('refuses an If-Match that is not one quoted version', async () => {
    for (const value of ['*', 'W/"3"', '3', '"3", "4"']) {
      const res = await call('PATCH', '/docs/9', { 'if-match': value }, { title: 'final' });
      expect(res.status).toBe(400);
    }
  });

  test('keeps a token out of a browser body and in an HttpOnly cookie; apps get it in the body', async () => {
    const browser = await call('POST', '/tokens', { origin: 'https://app.example' }, {});
    expect((await json(browser)).data).toEqual({ accessToken: 'access-1' });
    const cookie = browser.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^test_token=refresh-1;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const app = await call('POST', '/tokens', {}, {});
    expect((await json(app)).data).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(app.headers.get('set-cookie')).toBeNull();
  });

  test('reads the token from the cookie when the body lacks it, and clears the cookie', async () => {
    const res = await call('POST', '/tokens/use', { cookie: 'other=1; test_token=refresh-9' }, {});
    expect((await json(res)).data).toEqual({ used: 'refresh-9' });
    expect(res.headers.get('set-cookie')).toMatch(/^test_token=; .*Max-Age=0/);
    const fromBody = await call('POST', '/tokens/use', { cookie: 'test_token=refresh-9' }, { refreshToken: 'mine' });
    expect((await json(fromBody)).data).toEqual({ used: 'mine' });
  });
});
