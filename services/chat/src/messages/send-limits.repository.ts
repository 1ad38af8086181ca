import { AppError, type Redis } from '@seed/runtime';

/** Counts a user's sends in a fixed window: `[count, ms left in the window]`. */
const COUNT = `
local n = redis.call('incr', KEYS[1])
if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end
return {n, redis.call('pttl', KEYS[1])}`;

export interface SendLimiter {
  /** Throws `rate_limited` (with `details.retryAfterMs`) when the user sent too much lately. */
  takeSend(userId: string): Promise<void>;
  /** Throws `rate_limited` when the user posted in the room less than `seconds` ago. */
  takeSlowMode(roomId: string, userId: string, seconds: number): Promise<void>;
}

export function createSendLimiter(deps: { redis: Redis; max: number; windowMs: number }): SendLimiter {
  const { redis } = deps;
  return {
    async takeSend(userId) {
      const [count, ttl] = (await redis.eval(COUNT, 1, `chat:send-rate:${userId}`, String(deps.windowMs))) as [
        number,
        number,
      ];
      if (count > deps.max)
        throw new AppError('rate_limited', 'you are sending messages too fast', { retryAfterMs: Math.max(ttl, 1) });
    },
    async takeSlowMode(roomId, userId, seconds) {
      if (seconds <= 0) return;
      const key = `chat:slow-mode:${roomId}:${userId}`;
      if ((await redis.set(key, '1', 'PX', seconds * 1000, 'NX')) === 'OK') return;
      const ttl = await redis.pttl(key);
      throw new AppError('rate_limited', `slow mode: one message every ${seconds} s`, {
        retryAfterMs: Math.max(ttl, 1),
      });
    },
  };
}
