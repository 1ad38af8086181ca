import { Writable } from 'node:stream';
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
import { startTestService, testContracts } from '../support/test-service.ts';

const prefix = uniqueName('gwlog');
const contracts = testContracts(prefix);
const api = `/api/v1/${prefix}`;

describe('the access log', () => {
  const lines: string[] = [];
  const logger = createLogger(
    { service: 'gateway', level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  let nc: NatsConnection;
  let redis: Redis;
  let service: ServiceHost;
  let gateway: TestGateway;

  beforeAll(async () => {
    const quiet = createLogger({ service: 'test', level: 'silent' });
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger: quiet });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger: quiet, keyPrefix: testRedisPrefix() });
    service = await startTestService(nc, contracts, prefix, { logger: quiet });
    gateway = await startTestGateway({ nc, redis, contracts, logger });
  });
  afterAll(async () => {
    await gateway?.stop();
    await service?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('writes one line per request with the query, but never the value of a secret in it', async () => {
    const secrets = 'password=hunter2hunter2&access_token=tok-123&sio_token=sio-456&refreshToken=rt-789&code=654321';
    const res = await fetch(`${gateway.baseUrl}${api}/things?q=cats&${secrets}`);
    expect(res.status).toBe(200);
    const line = await eventually(() => lines.find((l) => l.includes('request completed') && l.includes('q=cats')));
    for (const secret of ['hunter2hunter2', 'tok-123', 'sio-456', 'rt-789', '654321'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line).url).toBe(
      `${api}/things?q=cats&password=[redacted]&access_token=[redacted]&sio_token=[redacted]&refreshToken=[redacted]&code=[redacted]`,
    );
  });
});
