import { connectNats, createRedis, type Logger, type NatsConnection, pingRedis, type Redis } from '@seed/runtime';
import type { GatewayConfig } from './config.ts';

/** What the gateway runs on; tests pass their own, `main` lets the app build them from config. */
export interface GatewayInfra {
  nc: NatsConnection;
  redis: Redis;
}

/**
 * The clients the gateway runs on: those given (tests pass their own and close them), the rest
 * built from config and closed by `close()`.
 */
export async function connectInfrastructure(
  config: GatewayConfig,
  logger: Logger,
  given: Partial<GatewayInfra>,
): Promise<{ infra: GatewayInfra; close(): Promise<void> }> {
  const redis = given.redis ?? createRedis({ url: config.REDIS_URL, name: 'gateway', logger });
  let nc: NatsConnection;
  try {
    nc = given.nc ?? (await connectNats({ url: config.NATS_URL, name: 'gateway', logger }));
  } catch (err) {
    if (!given.redis) redis.disconnect();
    throw err;
  }
  return {
    infra: { nc, redis },
    async close() {
      if (!given.nc) await nc.drain();
      if (!given.redis) await redis.quit();
    },
  };
}

/** Readiness checks: a NATS round trip and a Redis ping. */
export const readinessChecks = ({ nc, redis }: GatewayInfra) => ({
  nats: async () => {
    if (nc.isClosed()) return false;
    await nc.flush();
    return true;
  },
  redis: () => pingRedis(redis),
});
