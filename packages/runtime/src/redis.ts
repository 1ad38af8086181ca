import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

/** A command not answered within this fails rather than wait for a stalled or unreachable Redis. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2_000;

export function createRedis(opts: {
  url: string;
  name: string;
  logger: Logger;
  keyPrefix?: string;
  commandTimeoutMs?: number;
}): Redis {
  const redis = new Redis(opts.url, {
    connectionName: opts.name,
    commandTimeout: opts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
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
