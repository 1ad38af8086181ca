import {
  connectNats,
  createLogger,
  createRedis,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import { type PrivateRedis, startPrivateRedis, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { startTestService, testContracts } from '../support/test-service.ts';
import { createTestTokens, type JwksResponder } from '../support/tokens.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwredis');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;
/** Only guards against a hang: a request still open after this is a failure, however slow the machine. */
const HANG = 15_000;

describe('the gateway while its Redis stalls', () => {
  let redisServer: PrivateRedis;
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let jwks: JwksResponder;
  let gateway: TestGateway;
  let token: string;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: redisServer.url, name: 'test', logger });
    const tokens = await createTestTokens();
    jwks = await tokens.serveJwks(nc, contracts.jwks);
    service = await startTestService(nc, contracts, prefix, { logger });
    gateway = await startTestGateway({ nc, redis, contracts });
    token = await tokens.signAccessToken({ sub: '1001', sid: '2001' });
  });
  afterAll(async () => {
    redisServer?.resume();
    await gateway?.stop();
    await service?.stop();
    await jwks?.stop();
    await nc?.drain();
    redis?.disconnect();
    await redisServer?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}${api}${path}`, { headers, signal: AbortSignal.timeout(HANG) });

  it('serves public routes, and answers signed-in ones 503 service_unavailable, without waiting for Redis', async () => {
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
