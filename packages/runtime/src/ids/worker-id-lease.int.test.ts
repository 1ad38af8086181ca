import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createRedis } from '../redis.ts';
import { eventually } from '../testing/jobs.ts';
import { testRedisPrefix } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { createSnowflake, MAX_WORKER_ID } from './snowflake.ts';
import { leaseWorkerId } from './worker-id-lease.ts';

const redis = createRedis({
  url: testServers().redisUrl,
  name: 'test',
  logger: createLogger({ service: 't', level: 'silent' }),
});
const keyPrefix = `${testRedisPrefix()}snowflake:`;
const leases: { release(): Promise<void> }[] = [];
const lease = async (opts: { ttlMs?: number } = {}) => {
  const l = await leaseWorkerId(redis, { keyPrefix, ...opts });
  leases.push(l);
  return l;
};
/** Another process holding worker id `id`. */
const holdElsewhere = (id: number) => redis.set(`${keyPrefix}${id}`, 'another process', 'PX', 60_000);

describe('worker id leases', () => {
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(() => redis.disconnect());

  it('give concurrent replicas distinct worker ids', async () => {
    const all = await Promise.all(Array.from({ length: 50 }, () => lease()));
    expect(new Set(all.map((l) => l.workerId)).size).toBe(50);
    expect(all.every((l) => l.isValid())).toBe(true);
    await Promise.all(leases.splice(0).map((l) => l.release()));
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
  });

  it('holds its id with an expiry, so a dead replica frees it, and releases it on stop', async () => {
    const l = await lease({ ttlMs: 3_000 });
    const key = `${keyPrefix}${l.workerId}`;
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await l.release();
    expect(await redis.exists(key)).toBe(0);
  });

  it('takes a fresh worker id when Redis lost its lease and another process took the old one', async () => {
    const l = await lease({ ttlMs: 1_500 });
    const lost = l.workerId;
    // Redis forgot the lease (a flush or an outage longer than the lease) and another process took the id.
    await holdElsewhere(lost);
    await eventually(() => l.isValid() && l.workerId !== lost, { what: 'a fresh worker id' });
    expect(await redis.get(`${keyPrefix}${l.workerId}`)).not.toBe('another process');
    const ids = createSnowflake({ workerId: () => l.workerId });
    expect((BigInt(ids.next()) >> 12n) & 1023n).toBe(BigInt(l.workerId));
  });

  it('reports the loss and refuses to make ids while no worker id is free, then recovers', async () => {
    const l = await lease({ ttlMs: 1_500 });
    const ids = createSnowflake({ workerId: () => l.workerId });
    const others = Array.from({ length: MAX_WORKER_ID + 1 }, (_, id) => id).filter((id) => id !== l.workerId);
    await redis.mset(Object.fromEntries(others.map((id) => [`${keyPrefix}${id}`, 'another process'])));
    await holdElsewhere(l.workerId);
    await eventually(() => !l.isValid(), { what: 'the lease to be reported lost' });
    expect(() => ids.next()).toThrow(expect.objectContaining({ code: 'service_unavailable' }));
    await redis.del(`${keyPrefix}${others[0]}`);
    await eventually(() => l.isValid(), { what: 'a worker id again' });
    expect(l.workerId).toBe(others[0]);
    expect(ids.next()).toMatch(/^[1-9][0-9]*$/);
  });
});
