import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

export function createRedis(opts: { url: string; name: string; logger: Logger; keyPrefix?: string }): Redis {
  const redis = new Redis(opts.url, {
    connectionName: opts.name,
    ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}),
  });
  redis.on('error', (err) => opts.logger.warn({ err: err.message }, 'redis error'));
  return redis;
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
