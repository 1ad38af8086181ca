import { createLogger, createRedis } from '@seed/runtime';
import { testRedisPrefix, testServers } from '@seed/runtime/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

const redis = createRedis({
  url: testServers().redisUrl,
  name: 'test',
  logger: createLogger({ service: 't', level: 'silent' }),
});
const keyPrefix = testRedisPrefix();

describe('rate limiter', () => {
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('allows up to max per window and says when the next one is allowed', async () => {
    let t = 1_000_000;
    const limiter = createRateLimiter(redis, { keyPrefix, now: () => t });
    const rules = [
      { max: 1, windowMs: 60_000 },
      { max: 3, windowMs: 3_600_000 },
    ];
    expect((await limiter.consume('phone', rules)).allowed).toBe(true);
    t += 10_000;
    expect(await limiter.consume('phone', rules)).toEqual({ allowed: false, retryAfterMs: 50_000 });
    t += 50_000;
    expect((await limiter.consume('phone', rules)).allowed).toBe(true);
    t += 60_000;
    expect((await limiter.consume('phone', rules)).allowed).toBe(true);
    t += 60_000;
    const fourth = await limiter.consume('phone', rules);
    expect(fourth.allowed).toBe(false);
    expect(fourth.retryAfterMs).toBe(3_600_000 - 180_000);
  });

  it('keeps refused attempts out of the count', async () => {
    let t = 5_000_000;
    const limiter = createRateLimiter(redis, { keyPrefix, now: () => t });
    const rules = [{ max: 2, windowMs: 1_000 }];
    await limiter.consume('ip', rules);
    await limiter.consume('ip', rules);
    for (let i = 0; i < 5; i++) expect((await limiter.consume('ip', rules)).allowed).toBe(false);
    t += 1_000;
    expect((await limiter.consume('ip', rules)).allowed).toBe(true);
  });
});
