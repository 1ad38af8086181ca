import rateLimit from '@fastify/rate-limit';
import { AppError, type Redis } from '@seed/runtime';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  redis: Redis;
  max: number;
  timeWindowMs: number;
}

/** How long a request waits for its count before it passes uncounted. */
const COUNT_TIMEOUT_MS = 250;

/**
 * Per client IP, counted in Redis so every replica shares one budget. A route's contract may set
 * its own limit; the rest share the global one. When Redis fails or stalls, requests pass
 * (availability) after a short wait, on a connection of their own that gives up quickly.
 */
export const rateLimits = fp<RateLimitOptions>(
  async (fastify, opts) => {
    const counter = opts.redis.duplicate({ commandTimeout: COUNT_TIMEOUT_MS });
    counter.on('error', (err: Error) => fastify.log.warn({ err: err.message }, 'rate limit redis error'));
    fastify.addHook('onClose', async () => {
      await counter.quit().catch(() => counter.disconnect());
    });
    await fastify.register(rateLimit, {
      global: true,
      max: opts.max,
      timeWindow: opts.timeWindowMs,
      redis: counter,
      nameSpace: 'gateway:ratelimit:',
      skipOnError: true,
      errorResponseBuilder: (_req, ctx) =>
        new AppError('rate_limited', `too many requests; retry in ${ctx.after}`, { retryAfterMs: ctx.ttl }),
    });
  },
  { name: 'rate-limits' },
);
