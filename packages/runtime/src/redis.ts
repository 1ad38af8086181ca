import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';
import { observeRedis } from './ops/connection-metrics.ts';
import { redactUrl } from './startup/redact-url.ts';
import { reasonOf } from './startup/retry-until.ts';
import { StartupError } from './startup/startup-error.ts';

export type { Redis };

/** A Redis client that reconnects forever; errors are logged, reconnects counted on /metrics. */
export function createRedis(opts: { url: string; name: string; logger: Logger; keyPrefix?: string }): Redis {
  opts.logger.info({ redis: redactUrl(opts.url), connection: opts.name }, 'connecting to Redis');
  const redis = new Redis(opts.url, {
    connectionName: opts.name,
    ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}),
  });
  let lastError = '';
  redis.on('error', (err) => {
    // One line per cause, not one per retry.
    if (err.message === lastError) return;
    lastError = err.message;
    opts.logger.warn({ err: err.message }, 'redis error');
  });
  redis.on('ready', () => (lastError = ''));
  observeRedis(redis, opts.name);
  return redis;
}

/**
 * Resolves once `redis` is ready, or disconnects it and throws a StartupError naming the last
 * cause after `timeoutMs`.
 */
export function redisReady(redis: Redis, opts: { url: string; timeoutMs: number }): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let cause = 'no answer';
    const onError = (err: Error) => (cause = reasonOf(err));
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const timer = setTimeout(() => {
      redis.disconnect();
      done(new StartupError('Redis', redactUrl(opts.url), cause));
    }, opts.timeoutMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
