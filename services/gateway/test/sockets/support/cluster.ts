import { connectNats, createLogger, createRedis, type NatsConnection, type Redis } from '@seed/runtime';
import { testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import type { SocketServerConfig } from '../../../src/sockets/attach.ts';
import { closeClients } from './client.ts';
import { type Replica, startReplica } from './replica.ts';
import { startTestAuth } from './test-auth.ts';
import { startTestService, testContracts } from './test-service.ts';

export { newId as newUserId } from './ids.ts';

/**
 * Two gateway replicas sharing a Redis prefix and a delivery queue no other test file uses, the
 * JWKS they trust, and a test service behind socket events.
 */
export async function startCluster(
  config: Partial<SocketServerConfig> = {},
  opts: { absentRoomsSource?: boolean } = {},
) {
  const logger = createLogger({ service: 'socket-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const servers = testServers();
  const redisPrefix = testRedisPrefix();
  const nc: NatsConnection = await connectNats({ url: servers.natsUrl, name: 'socket-test', logger });
  const redis: Redis = createRedis({ url: servers.redisUrl, name: 'socket-test', logger, keyPrefix: redisPrefix });
  const auth = await startTestAuth(nc);
  const contracts = testContracts(opts);
  const service = await startTestService(nc, contracts, logger);
  const deliveryQueue = uniqueName('gateway');
  const start = (replicaId: string, extra: Partial<SocketServerConfig> = {}) =>
    startReplica({
      registry: contracts.registry,
      redisPrefix,
      jwksContract: auth.jwksContract,
      sockets: { replicaId, deliveryQueue, ...config, ...extra },
    });
  const replicas: Replica[] = [await start('a'), await start('b')];

  return {
    nc,
    redis,
    auth,
    contracts,
    service,
    redisPrefix,
    deliveryQueue,
    a: replicas[0] as Replica,
    b: replicas[1] as Replica,
    /** Starts one more replica of the same cluster (stopped with the rest). */
    async addReplica(replicaId: string, extra: Partial<SocketServerConfig> = {}) {
      const r = await start(replicaId, extra);
      replicas.push(r);
      return r;
    },
    async stop() {
      closeClients();
      await Promise.allSettled(replicas.map((r) => r.stop()));
      await service.stop();
      await auth.stop();
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(redisPrefix.length)));
      await redis.quit();
      await nc.drain();
    },
  };
}
export type Cluster = Awaited<ReturnType<typeof startCluster>>;
