import { getJwks } from '@seed/contracts';
import { connectNats, createRedis, type NatsConnection, type Redis } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { createApp, type GatewayApp } from '../../../gateway/src/app.ts';
import { loadConfig } from '../../../gateway/src/config.ts';
import { playcoSocketModule } from '../../../gateway/src/sockets/seed-playco/index.ts';
import { createTestTokens, type TestTokens } from '../../../gateway/test/support/tokens.ts';
import { logger } from './playco.ts';

export interface GatewayReplica {
  url: string;
  app: GatewayApp;
  stop(): Promise<void>;
}

/** How the gateway replicas of one test world are set up (shared with the replica child process). */
export interface GatewaySetup {
  natsUrl: string;
  redisUrl: string;
  redisPrefix: string;
  deliveryQueue: string;
  /** How often a replica refreshes its playco sessions. */
  refreshMs: number;
}

/** One gateway replica in this process with its own NATS and Redis clients, like a real one. */
export async function startGatewayReplica(setup: GatewaySetup, replicaId: string): Promise<GatewayReplica> {
  const nc: NatsConnection = await connectNats({ url: setup.natsUrl, name: `gateway-${replicaId}`, logger });
  const redis: Redis = createRedis({ url: setup.redisUrl, name: 'gateway', logger, keyPrefix: setup.redisPrefix });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NATS_URL: setup.natsUrl });
  const app = await createApp(
    config,
    { nc, redis, logger },
    {
      jwksContract: getJwks,
      sockets: {
        replicaId,
        deliveryQueue: setup.deliveryQueue,
        modules: [playcoSocketModule({ refreshMs: setup.refreshMs, seedIdleMs: 60_000 })],
      },
    },
  );
  const { port } = await app.start();
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async stop() {
      await app.stop();
      await nc.drain();
      await redis.quit();
    },
  };
}

/** Access tokens as auth signs them, with auth's keys served on the world's NATS. */
export async function startTestAuthority(nc: NatsConnection) {
  const tokens: TestTokens = await createTestTokens();
  const jwks = await tokens.serveJwks(nc, getJwks);
  return {
    sign: (userId: string) => tokens.signAccessToken({ sub: userId, sid: uniqueName('sid') }),
    stop: () => jwks.stop(),
  };
}
