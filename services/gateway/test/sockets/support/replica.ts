import type { getJwks, Registry } from '@seed/contracts';
import { connectNats, createLogger, createRedis } from '@seed/runtime';
import { testServers } from '@seed/runtime/testing';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import type { SocketServerConfig } from '../../../src/sockets/attach.ts';

export interface ReplicaOptions {
  registry: Registry;
  redisPrefix: string;
  jwksContract: typeof getJwks;
  sockets: SocketServerConfig;
}

/** One gateway replica (the whole app) on a free loopback port, with its own NATS and Redis clients. */
export async function startReplica(opts: ReplicaOptions) {
  const servers = testServers();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NATS_URL: servers.natsUrl,
    REDIS_URL: servers.redisUrl,
  });
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const nc = await connectNats({ url: servers.natsUrl, name: 'gateway', logger });
  const redis = createRedis({ url: servers.redisUrl, name: 'gateway', logger, keyPrefix: opts.redisPrefix });
  const app = await createApp(
    config,
    { nc, redis, logger },
    {
      registry: opts.registry,
      jwksContract: opts.jwksContract,
      sockets: opts.sockets,
    },
  );
  const { port } = await app.start();
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      stopped ??= (async () => {
        await app.stop();
        await nc.drain();
        await redis.quit();
      })();
      return stopped;
    },
  };
}
export type Replica = Awaited<ReturnType<typeof startReplica>>;
