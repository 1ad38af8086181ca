import {
  connectNats,
  createLogger,
  createRedis,
  isDisconnected,
  type Logger,
  type NatsConnection,
  natsConnectOptions,
  pingRedis,
  type Redis,
  redisReady,
} from '@seed/runtime';
import type { GatewayConfig } from './config.ts';

export interface Infrastructure {
  nc: NatsConnection;
  redis: Redis;
  logger: Logger;
}

/**
 * The clients the gateway runs on: those given (tests pass their own and close them), the rest
 * built from config and closed by `close()`.
 */
export async function connectInfrastructure(
  config: GatewayConfig,
  given: Partial<Infrastructure>,
): Promise<{ infra: Infrastructure; close(): Promise<void> }> {
  const logger = given.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const redis =
    given.redis ??
    createRedis({ url: config.REDIS_URL, name: 'gateway', logger, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  let connected: NatsConnection | undefined = given.nc;
  try {
    connected ??= await connectNats({ ...natsConnectOptions(config), name: 'gateway', logger });
    if (!given.redis) await redisReady(redis, { url: config.REDIS_URL, timeoutMs: config.STARTUP_TIMEOUT_MS });
  } catch (err) {
    if (!given.nc) await connected?.close();
    if (!given.redis) redis.disconnect();
    throw err;
  }
  const nc = connected;
  return {
    infra: { nc, redis, logger },
    async close() {
      if (!given.nc) await nc.drain();
      if (!given.redis) await redis.quit();
    },
  };
}

/** Readiness checks: a NATS round trip and a Redis ping. */
export const readinessChecks = ({ nc, redis }: Infrastructure) => ({
  nats: async () => {
    if (nc.isClosed() || isDisconnected(nc)) return false;
    await nc.flush();
    return true;
  },
  redis: () => pingRedis(redis),
});
