import type { Redis } from 'ioredis';

/**
 * Takes one try before a password is checked: refused (the lock's remaining ms) while the subject
 * is locked, or when `maxFailures` tries are already spent or in flight, which locks it.
 */
const RESERVE = `
local locked = redis.call('pttl', KEYS[2])
if locked > 0 then return locked end
local n = redis.call('incr', KEYS[1])
if n == 1 then redis.call('pexpire', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  redis.call('set', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('del', KEYS[1])
  return tonumber(ARGV[2])
end
return 0
`;

/** A wrong password keeps its try; the last allowed one locks the subject. */
const FAIL = `
local n = tonumber(redis.call('get', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  redis.call('set', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('del', KEYS[1])
end
return n
`;

/**
 * Wrong-password lockout: `maxFailures` within `lockMs` lock the subject for `lockMs`. The subject
 * is the account, or the typed login when no account matches, so both answer alike. A try is
 * counted in Redis before its password is checked, so parallel guesses cannot outrun the count.
 */
export function createLoginLockout(
  redis: Redis,
  opts: { keyPrefix?: string; maxFailures?: number; lockMs?: number } = {},
) {
  const prefix = `${opts.keyPrefix ?? ''}auth:login:`;
  const maxFailures = opts.maxFailures ?? 5;
  const lockMs = opts.lockMs ?? 15 * 60_000;
  const keys = (subject: string) => [`${prefix}fails:${subject}`, `${prefix}lock:${subject}`] as const;
  return {
    /**
     * Runs `check` (true: the password is right) on one reserved try. Answers `{lockedMs}` without
     * checking while the subject is locked; a wrong password keeps its try (`attemptsLeft`: how many
     * more the subject may make before it locks), a right one clears them.
     */
    async attempt(
      subject: string,
      check: () => Promise<boolean>,
    ): Promise<{ ok: boolean; lockedMs: number; attemptsLeft: number }> {
      const [fails, lock] = keys(subject);
      const lockedMs = Number(await redis.eval(RESERVE, 2, fails, lock, maxFailures, lockMs));
      if (lockedMs > 0) return { ok: false, lockedMs, attemptsLeft: 0 };
      if (await check()) {
        await redis.del(fails, lock);
        return { ok: true, lockedMs: 0, attemptsLeft: maxFailures };
      }
      const tries = Number(await redis.eval(FAIL, 2, fails, lock, maxFailures, lockMs));
      return { ok: false, lockedMs: 0, attemptsLeft: Math.max(0, maxFailures - tries) };
    },
    /** Milliseconds the subject stays locked, 0 when it is not. */
    async lockedFor(subject: string): Promise<number> {
      return Math.max(0, await redis.pttl(keys(subject)[1]));
    },
    async clear(subject: string): Promise<void> {
      await redis.del(...keys(subject));
    },
  };
}
export type LoginLockout = ReturnType<typeof createLoginLockout>;

/** The lockout subject of an account (a login that matches no account locks under its hash instead). */
export const accountLockSubject = (userId: string): string => `u:${userId}`;
