import type { Redis } from 'ioredis';

const FAIL = `
local n = redis.call('incr', KEYS[1])
if n == 1 then redis.call('pexpire', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) then
  redis.call('set', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('del', KEYS[1])
end
return n
`;

/**
 * Wrong-password lockout: `maxFailures` within `lockMs` lock the subject for `lockMs`. The subject
 * is the account, or the typed login when no account matches, so both answer alike.
 */
export function createLoginLockout(
  redis: Redis,
  opts: { keyPrefix?: string; maxFailures?: number; lockMs?: number } = {},
) {
  const prefix = `${opts.keyPrefix ?? ''}auth:login:`;
  const maxFailures = opts.maxFailures ?? 5;
  const lockMs = opts.lockMs ?? 15 * 60_000;
  return {
    /** Milliseconds the subject stays locked, 0 when it is not. */
    async lockedFor(subject: string): Promise<number> {
      return Math.max(0, await redis.pttl(`${prefix}lock:${subject}`));
    },
    /** Counts a failure; returns how many more the subject may make before it locks. */
    async recordFailure(subject: string): Promise<number> {
      const n = await redis.eval(FAIL, 2, `${prefix}fails:${subject}`, `${prefix}lock:${subject}`, maxFailures, lockMs);
      return Math.max(0, maxFailures - Number(n));
    },
    async clear(subject: string): Promise<void> {
      await redis.del(`${prefix}fails:${subject}`, `${prefix}lock:${subject}`);
    },
  };
}
export type LoginLockout = ReturnType<typeof createLoginLockout>;

/** The lockout subject of an account (a login that matches no account locks under its hash instead). */
export const accountLockSubject = (userId: string): string => `u:${userId}`;
