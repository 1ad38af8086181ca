import { describe, expect } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { contracts } from '../support/test-service.ts';

const prefix = 'test';

describe('API documents', () => {
  // biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document
  let openapi: any;

  test.beforeAll(async ({ gateway }) => {
    const res = await fetch(`${gateway.url}/docs/json`);
    expect(res.status).toBe(200);
    openapi = await json(res);
  });

  test('describes every contract route in OpenAPI 3.1, path parameters in braces', () => {
    expect(openapi.openapi).toBe('3.1.0');
    const paths = Object.keys(openapi.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/api/v1/${prefix}/things/{thingId}/echo`,
        `/api/v1/${prefix}/things`,
        `/api/v1/${prefix}/me`,
        '/.well-known/jwks.json',
      ]),
    );
    expect(paths).not.toContain('/healthz');
  });

  test('leaves the legacy clients’ routes out: they are no contracts of the platform', () => {
    const legacy = Object.keys(openapi.paths).filter((path) => path.startsWith('/legacy/'));
    expect(legacy).toEqual([]);
  });

  test('splits the request over path, query and body and wraps the reply in data', () => {
    const echo = openapi.paths[`/api/v1/${prefix}/things/{thingId}/echo`].post;
    expect(echo.operationId).toBe(contracts.echo.subject);
    expect(echo.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'thingId', required: true }),
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }),
    ]);
    expect(echo.responses['422'].description).toContain('idempotency_key_reused');
    expect(echo.responses['409'].description).toContain('idempotency_key_in_use');
    const body = echo.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['count', 'text']);
    expect(echo.responses['201'].content['application/json'].schema.properties.data.properties.text).toBeDefined();
    expect(echo.responses['400'].description).toContain('validation_failed');

    const search = openapi.paths[`/api/v1/${prefix}/things`].get;
    expect(search.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:cursor',
      'query:limit',
      'query:q',
    ]);
  });

  test('lists the declared error codes by status and marks signed-in operations', () => {
    const fail = openapi.paths[`/api/v1/${prefix}/failures/{kind}`].get;
    expect(fail.responses['404'].description).toContain('not_found');
    expect(fail.responses['409'].description).toContain('conflict');
    const me = openapi.paths[`/api/v1/${prefix}/me`].get;
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(me.responses['401'].description).toContain('unauthenticated');
  });

  test('documents the errors the edge itself answers, on every operation', () => {
    const echo = openapi.paths[`/api/v1/${prefix}/things/{thingId}/echo`].post;
    expect(echo.responses['400'].description).toContain('bad_request');
    expect(echo.responses['404'].description).toContain('route_not_found');
    expect(echo.responses['414'].description).toContain('uri_too_long');
    // In the one error shape: the Error model, with this status's codes.
    expect(echo.responses['414'].content['application/json'].schema.properties.error).toEqual({
      allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { code: { enum: ['uri_too_long'] } } }],
    });
    expect(openapi.components.schemas.Error.required).toEqual(['code', 'message']);
  });

  test('documents the local files route with its errors', () => {
    const files = openapi.paths['/api/v1/files/{token}'];
    for (const op of [files.get, files.put]) {
      expect(op.responses['400'].description).toContain('bad_request');
      expect(op.responses['404'].description).toContain('not_found');
      expect(op.responses['503'].description).toContain('service_unavailable');
    }
    expect(files.put.responses['413'].description).toContain('payload_too_large');
  });

  test('documents If-Match as a header, not a body field', () => {
    const update = openapi.paths[`/api/v1/${prefix}/docs/{docId}`].patch;
    expect(update.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'if-match', required: true })]),
    );
    const body = update.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['title']);
    expect(update.responses['428'].description).toContain('precondition_required');
  });

  test('serves the UI and the AsyncAPI document', async ({ gateway }) => {
    const ui = await fetch(`${gateway.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<html');
    const asyncApi = await json(await fetch(`${gateway.url}/docs/asyncapi.json`));
    expect(asyncApi.asyncapi).toMatch(/^3\./);
  });

  test('serves clients an AsyncAPI document without the NATS subjects behind the gateway', async ({ gateway }) => {
    const asyncApi = await json(await fetch(`${gateway.url}/docs/asyncapi.json`));
    expect(Object.keys(asyncApi.servers)).not.toContain('nats');
    const text = JSON.stringify(asyncApi);
    expect(text).not.toContain(contracts.jwks.subject);
    expect(text).not.toContain(contracts.echo.subject);
  });
});

describe('API documents in production', () => {
  test('are not served unless DOCS_ENABLED says so', async ({ startTestGateway }) => {
    const hidden = await startTestGateway({ env: { NODE_ENV: 'production' } });
    for (const path of ['/docs', '/docs/json', '/docs/asyncapi.json'])
      expect((await fetch(`${hidden.url}${path}`)).status, path).toBe(404);
    const shown = await startTestGateway({ env: { NODE_ENV: 'production', DOCS_ENABLED: 'true' } });
    expect((await fetch(`${shown.url}/docs/json`)).status).toBe(200);
  });
});
