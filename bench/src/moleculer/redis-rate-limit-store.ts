import type { Redis } from 'ioredis';

// The same counting as @fastify/rate-limit's Redis store: one script (EVALSHA) per request.
const INCREMENT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return current`;

type Counting = Redis & { benchRateLimitIncrement(key: string, windowMs: number): Promise<number> };

/** A moleculer-web rate-limit store class counting in Redis, so every replica shares one budget. */
export function redisRateLimitStore(redis: Redis) {
  redis.defineCommand('benchRateLimitIncrement', { numberOfKeys: 1, lua: INCREMENT });
  const counting = redis as Counting;
  return class RedisRateLimitStore {
    readonly windowMs: number;

    constructor(windowMs: number) {
      this.windowMs = windowMs;
    }

    inc(key: string): Promise<number> {
      return counting.benchRateLimitIncrement(`moleculer:ratelimit:${key}`, this.windowMs);
    }
  };
}
