import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createRedis } from '../redis.ts';
import { testRedisPrefix } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { leaseWorkerId } from './worker-id-lease.ts';

const redis = createRedis({
  url: testServers().redisUrl,
  name: 'test',
  logger: createLogger({ service: 't', level: 'silent' }),
});
const keyPrefix = `${testRedisPrefix()}snowflake:`;

describe('worker id leases', () => {
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('give concurrent replicas distinct worker ids', async () => {
    const leases = await Promise.all(Array.from({ length: 50 }, () => leaseWorkerId(redis, { keyPrefix })));
    expect(new Set(leases.map((l) => l.workerId)).size).toBe(50);
    expect(leases.every((l) => l.isValid())).toBe(true);
    await Promise.all(leases.map((l) => l.release()));
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
  });

  it('holds its id with an expiry, so a dead replica frees it, and releases it on stop', async () => {
    const lease = await leaseWorkerId(redis, { keyPrefix, ttlMs: 3_000 });
    const key = `${keyPrefix}${lease.workerId}`;
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await lease.release();
    expect(await redis.exists(key)).toBe(0);
  });
});
