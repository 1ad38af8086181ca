import {
  connectNats,
  createLogger,
  createRedis,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import {
  eventually,
  type PrivateNats,
  startPrivateNats,
  testRedisPrefix,
  testServers,
  uniqueName,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { startTestService, testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwnats');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;

describe('the gateway while NATS is down', () => {
  let nats: PrivateNats;
  let gatewayNc: NatsConnection;
  let serviceNc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let gateway: TestGateway;

  beforeAll(async () => {
    nats = await startPrivateNats();
    gatewayNc = await connectNats({ url: nats.url, name: 'gateway', logger });
    serviceNc = await connectNats({ url: nats.url, name: 'service', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    service = await startTestService(serviceNc, contracts, prefix, { logger });
    gateway = await startTestGateway({ nc: gatewayNc, redis, contracts });
  });
  afterAll(async () => {
    await gateway?.stop();
    await service?.stop();
    await Promise.all([gatewayNc?.close(), serviceNc?.close()]);
    await redis?.quit();
    await nats?.stop();
  });

  // Only guards against a hang; the contract's own timeout is 5 s.
  const echo = (text: string) =>
    fetch(`${gateway.baseUrl}${api}/things/1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(15_000),
    });

  it('answers 503 service_unavailable at once instead of a 504 after the timeout, and serves again after', async () => {
    expect((await echo('before')).status).toBe(201);
    await nats.kill();
    const refused = await eventually(
      async () => {
        const res = await echo('during');
        return res.status === 503 ? json(res) : undefined;
      },
      { what: 'a 503', timeoutMs: 8_000 },
    );
    expect(refused.error.code).toBe('service_unavailable');
    await nats.restart();
    await eventually(async () => (await echo('after')).status === 201, { what: 'service again' });
  });
});
