import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface Rule {
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  /** When refused: how long until the request would be allowed. */
  retryAfterMs: number;
}

/**
 * Sliding-log check of several rules on one key, atomically: the hit is recorded only when every
 * rule allows it. ARGV: now, member, then max/window pairs.
 */
const CONSUME = `
local now = tonumber(ARGV[1])
local longest = 0
for i = 3, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('zremrangebyscore', KEYS[1], '-inf', now - longest)
local wait = 0
for i = 3, #ARGV, 2 do
  local max, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local count = redis.call('zcount', KEYS[1], now - window + 1, '+inf')
  if count >= max then
    -- The hit that must leave the window before another is allowed.
    local blocking = redis.call('zrangebyscore', KEYS[1], now - window + 1, '+inf', 'WITHSCORES', 'LIMIT', count - max, 1)
    wait = math.max(wait, tonumber(blocking[2]) + window - now)
  end
end
if wait > 0 then return wait end
redis.call('zadd', KEYS[1], now, ARGV[2])
redis.call('pexpire', KEYS[1], longest)
return 0
`;

/** Limits kept in Redis, so they hold across replicas. */
export function createRateLimiter(redis: Redis, opts: { keyPrefix?: string; now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const prefix = opts.keyPrefix ?? '';
  return {
    async consume(key: string, rules: readonly Rule[]): Promise<LimitResult> {
      const args = rules.flatMap((r) => [String(r.max), String(r.windowMs)]);
      const wait = Number(await redis.eval(CONSUME, 1, `${prefix}${key}`, String(now()), randomUUID(), ...args));
      return { allowed: wait === 0, retryAfterMs: wait };
    },
    async reset(key: string): Promise<void> {
      await redis.del(`${prefix}${key}`);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
