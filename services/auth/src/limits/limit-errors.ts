import { AppError } from '@seed/runtime';
import type { RateLimiter, Rule } from './rate-limiter.ts';

/** The 429 error for a refused request; the gateway turns `retryAfterMs` into `Retry-After`. */
export const tooMany = (code: 'rate_limited' | 'account_locked', retryAfterMs: number, message?: string) =>
  new AppError(code, message ?? (code === 'rate_limited' ? 'too many requests' : 'account temporarily locked'), {
    retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
  });

/** Consumes one hit of `rules` on `key`, or throws `rate_limited`. */
export async function enforce(limiter: RateLimiter, key: string, rules: readonly Rule[]): Promise<void> {
  const { allowed, retryAfterMs } = await limiter.consume(key, rules);
  if (!allowed) throw tooMany('rate_limited', retryAfterMs);
}
