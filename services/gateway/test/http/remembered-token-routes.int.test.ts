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
import { createTestTokens, type JwksResponder, type TestTokens } from '../support/tokens.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwremembered');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;

describe('routes called with a token the gateway already verified', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let jwks: JwksResponder;
  let tokens: TestTokens;
  let gateway: TestGateway;
  const get = (path: string, token: string) =>
    fetch(`${gateway.baseUrl}${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const echo = (token: string) =>
    fetch(`${gateway.baseUrl}${api}/things/7/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'hi' }),
    });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    tokens = await createTestTokens();
    jwks = await tokens.serveJwks(nc, contracts.jwks);
    service = await startTestService(nc, contracts, prefix, { logger });
    gateway = await startTestGateway({ nc, redis, contracts });
  });
  afterAll(async () => {
    await gateway?.stop();
    await service?.stop();
    await jwks?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('still counts the rate limit, and refuses the session once revoked', async () => {
    const token = await tokens.signAccessToken({ sub: '5001', sid: '6001' });
    for (let i = 0; i < 3; i++) expect((await get('/limited', token)).status).toBe(200);
    await redis.set('auth:revoked:6001', '1', 'EX', 60);
    const limited = await get('/limited', token);
    expect(limited.status).toBe(429);
    expect((await json(limited)).error.code).toBe('rate_limited');
    const me = await get('/me', token);
    expect(me.status).toBe(401);
    expect((await json(me)).error.code).toBe('unauthenticated');
  });

  it('serves a public operation anonymously once the session is revoked', async () => {
    const token = await tokens.signAccessToken({ sub: '5002', sid: '6002' });
    expect((await json(await echo(token))).data.caller).toEqual({ userId: '5002', sessionId: '6002' });
    await redis.set('auth:revoked:6002', '1', 'EX', 60);
    const res = await echo(token);
    expect(res.status).toBe(201);
    expect((await json(res)).data.caller).toBeNull();
  });
});
