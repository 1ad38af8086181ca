import {
  connectNats,
  createLogger,
  createRedis,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import { eventually, testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { startTestService, testContracts } from '../support/test-service.ts';
import { createTestTokens, type JwksResponder, type TestTokens } from '../support/tokens.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwidem');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;

describe('Idempotency-Key on POST routes', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let jwks: JwksResponder;
  let tokens: TestTokens;
  let gateway: TestGateway;
  const ran: string[] = [];

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    tokens = await createTestTokens();
    jwks = await tokens.serveJwks(nc, contracts.jwks);
    service = await startTestService(nc, contracts, prefix, { logger, redis, onCreate: (name) => ran.push(name) });
    gateway = await startTestGateway({ nc, redis, contracts, env: { RATE_LIMIT_MAX: '100000' } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await service?.stop();
    await jwks?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  const create = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}${api}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const times = (name: string) => ran.filter((n) => n === name).length;

  it('lets a client retry a request that timed out (504) and get the first answer, run once', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    const first = await create({ name: 'slow-one', ms: 1_000 }, key);
    expect(first.status).toBe(504);
    const retried = await eventually(
      async () => {
        const res = await create({ name: 'slow-one', ms: 1_000 }, key);
        if (res.status === 409) expect((await json(res)).error.code).toBe('idempotency_key_in_use');
        return res.status === 201 ? json(res) : undefined;
      },
      { what: 'the kept answer' },
    );
    const again = await create({ name: 'slow-one', ms: 1_000 }, key);
    expect(again.status).toBe(201);
    expect((await json(again)).data).toEqual(retried.data);
    expect(times('slow-one')).toBe(1);
  });

  it('answers the same kept error to a retry of a refused request', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    const first = await create({ name: 'taken' }, key);
    const retry = await create({ name: 'taken' }, key);
    expect([first.status, retry.status]).toEqual([409, 409]);
    expect((await json(retry)).error.code).toBe('conflict');
    expect(times('taken')).toBe(1);
  });

  it('refuses the same key with another body as idempotency_key_reused, per caller', async () => {
    const key = { 'idempotency-key': uniqueName('k') };
    expect((await create({ name: 'first' }, key)).status).toBe(201);
    const reused = await create({ name: 'second' }, key);
    expect(reused.status).toBe(422);
    expect((await json(reused)).error.code).toBe('idempotency_key_reused');
    // Another caller's key of the same name is its own.
    const token = await tokens.signAccessToken({ sub: '1001', sid: '2001' });
    const other = await create({ name: 'second' }, { ...key, authorization: `Bearer ${token}` });
    expect(other.status).toBe(201);
  });

  it('runs every request sent without a key, and refuses a malformed key', async () => {
    await create({ name: 'twice' });
    await create({ name: 'twice' });
    expect(times('twice')).toBe(2);
    const bad = await create({ name: 'bad key' }, { 'idempotency-key': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('validation_failed');
  });
});
