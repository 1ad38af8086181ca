import rateLimit from '@fastify/rate-limit';
import { AppError, type Redis } from '@seed/runtime';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  redis: Redis;
  max: number;
  timeWindowMs: number;
}

/**
 * Per client IP, counted in Redis so every replica shares one budget. A route's contract may set
 * its own limit; the rest share the global one. When Redis fails, requests pass (availability).
 */
export const rateLimits = fp<RateLimitOptions>(
  async (fastify, opts) => {
    await fastify.register(rateLimit, {
      global: true,
      max: opts.max,
      timeWindow: opts.timeWindowMs,
      redis: opts.redis,
      nameSpace: 'gateway:ratelimit:',
      skipOnError: true,
      errorResponseBuilder: (_req, ctx) =>
        new AppError('rate_limited', `too many requests; retry in ${ctx.after}`, { retryAfterMs: ctx.ttl }),
    });
  },
  { name: 'rate-limits' },
);
