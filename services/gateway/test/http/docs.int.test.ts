import { connectNats, createLogger, createRedis, type NatsConnection, type Redis } from '@seed/runtime';
import { testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwdocs');
const contracts = testContracts(prefix);

describe('API documents', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let gateway: TestGateway;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document
  let openapi: any;

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    gateway = await startTestGateway({ nc, redis, contracts });
    const res = await fetch(`${gateway.baseUrl}/docs/json`);
    expect(res.status).toBe(200);
    openapi = await json(res);
  });
  afterAll(async () => {
    await gateway?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('describes every contract route in OpenAPI 3.1, path parameters in braces', () => {
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

  it('splits the request over path, query and body and wraps the reply in data', () => {
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

  it('lists the declared error codes by status and marks signed-in operations', () => {
    const fail = openapi.paths[`/api/v1/${prefix}/failures/{kind}`].get;
    expect(fail.responses['404'].description).toContain('not_found');
    expect(fail.responses['409'].description).toContain('conflict');
    const me = openapi.paths[`/api/v1/${prefix}/me`].get;
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(me.responses['401'].description).toContain('unauthenticated');
  });

  it('documents the errors the edge itself answers, on every operation', () => {
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

  it('documents the local files route with its errors', () => {
    const files = openapi.paths['/api/v1/files/{token}'];
    for (const op of [files.get, files.put]) {
      expect(op.responses['400'].description).toContain('bad_request');
      expect(op.responses['404'].description).toContain('not_found');
      expect(op.responses['503'].description).toContain('service_unavailable');
    }
    expect(files.put.responses['413'].description).toContain('payload_too_large');
  });

  it('documents If-Match as a header, not a body field', () => {
    const update = openapi.paths[`/api/v1/${prefix}/docs/{docId}`].patch;
    expect(update.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'if-match', required: true })]),
    );
    const body = update.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['title']);
    expect(update.responses['428'].description).toContain('precondition_required');
  });

  it('serves the UI and the AsyncAPI document', async () => {
    const ui = await fetch(`${gateway.baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<html');
    const asyncApi = await json(await fetch(`${gateway.baseUrl}/docs/asyncapi.json`));
    expect(asyncApi.asyncapi).toMatch(/^3\./);
  });

  it('serves clients an AsyncAPI document without the NATS subjects behind the gateway', async () => {
    const asyncApi = await json(await fetch(`${gateway.baseUrl}/docs/asyncapi.json`));
    expect(Object.keys(asyncApi.servers)).not.toContain('nats');
    const text = JSON.stringify(asyncApi);
    expect(text).not.toContain(contracts.jwks.subject);
    expect(text).not.toContain(contracts.echo.subject);
  });
});

describe('API documents in production', () => {
  let nc: NatsConnection;
  let redis: Redis;
  const started: TestGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gateway = await startTestGateway({ nc, redis, contracts, env });
    started.push(gateway);
    return gateway;
  };
  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
  });
  afterAll(async () => {
    for (const g of started) await g.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('are not served unless DOCS_ENABLED says so', async () => {
    const hidden = await start({ NODE_ENV: 'production' });
    for (const path of ['/docs', '/docs/json', '/docs/asyncapi.json'])
      expect((await fetch(`${hidden.baseUrl}${path}`)).status, path).toBe(404);
    const shown = await start({ NODE_ENV: 'production', DOCS_ENABLED: 'true' });
    expect((await fetch(`${shown.baseUrl}/docs/json`)).status).toBe(200);
  });
});
