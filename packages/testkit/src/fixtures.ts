import { connectNats, createLogger, createRedis, type Logger, type NatsConnection, type Redis } from '@seed/runtime';
import {
  deleteTestKeys,
  type PrivateNats,
  type PrivateRedis,
  startPrivateNats,
  startPrivateRedis,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { test as base } from 'vitest';
import { type FakeAuth, startFakeAuth } from './fake-auth.ts';
import {
  startTestGateway,
  startTestGatewayProcess,
  type TestGateway,
  type TestGatewayOptions,
  type TestGatewayProcess,
  type TestGatewayProcessOptions,
} from './gateway.ts';
import { closeRedis } from './redis.ts';
import {
  type Env,
  type ServiceName,
  startTestService,
  type TestService,
  type TestServiceOptions,
  type TestWorld,
} from './services.ts';
import { closeTestSockets, connectTestSocket } from './sockets.ts';

/** Settings of the services a file asks for by name, by service. */
export type ServiceEnv = Partial<Record<ServiceName, Env>>;

/** A file's gateway options with one gateway's own on top, setting by setting. */
function merge<O extends TestGatewayProcessOptions>(base: O, own: O): O {
  return {
    ...base,
    ...own,
    env: { ...base.env, ...own.env },
    sockets: { ...base.sockets, ...own.sockets },
    playco: { ...base.playco, ...own.playco },
    legacy: { ...base.legacy, ...own.legacy },
  };
}

/** Everything started here stops when its scope ends, last started first. */
function starter<A extends unknown[], T extends { stop(): Promise<void> }>(
  start: (...args: A) => Promise<T>,
  onCleanup: (cleanup: () => Promise<void>) => void,
) {
  const started: T[] = [];
  onCleanup(async () => {
    for (const s of started.splice(0).reverse()) await s.stop().catch(() => {});
  });
  return async (...args: A) => {
    const thing = await start(...args);
    started.push(thing);
    return thing;
  };
}

/**
 * The test kit: a test names what it needs and gets it, started on its file's own world (a private
 * nats-server, a Redis key prefix, a database per service) and stopped (sockets closed) when the
 * file ends. Options are set at a file's top: `test.override('serviceEnv', { scope: 'file' }, …)`.
 */
export const test = base
  .extend('gatewayOptions', { scope: 'file' }, {} as TestGatewayOptions)
  .extend('serviceEnv', { scope: 'file' }, {} as ServiceEnv)
  .extend(
    'logger',
    { scope: 'file' },
    (): Logger => createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  )
  .extend('nats', { scope: 'file' }, async ({ logger }, { onCleanup }): Promise<PrivateNats> => {
    const nats = await startPrivateNats();
    logger.debug({ url: nats.url }, 'private nats-server');
    onCleanup(() => nats.stop());
    return nats;
  })
  .extend('natsUrl', { scope: 'file' }, ({ nats }) => nats.url)
  .extend('privateRedis', { scope: 'file' }, async ({ logger }, { onCleanup }): Promise<PrivateRedis> => {
    const server = await startPrivateRedis();
    logger.debug({ url: server.url }, 'private redis-server');
    onCleanup(() => server.stop());
    return server;
  })
  .extend('redisUrl', { scope: 'file' }, (): string => testServers().redisUrl)
  .extend('redisPrefix', { scope: 'file' }, () => testRedisPrefix())
  .extend(
    'world',
    { scope: 'file' },
    ({ natsUrl, redisUrl, redisPrefix }): TestWorld => ({ natsUrl, redisUrl, redisPrefix }),
  )
  .extend('redis', { scope: 'file' }, ({ redisUrl, redisPrefix, logger }, { onCleanup }): Redis => {
    const redis = createRedis({ url: redisUrl, name: 'test', logger, keyPrefix: redisPrefix });
    onCleanup(async () => {
      await deleteTestKeys(redis, redisPrefix).catch(() => {});
      await closeRedis(redis);
    });
    return redis;
  })
  .extend('nc', { scope: 'file' }, async ({ natsUrl, logger }, { onCleanup }): Promise<NatsConnection> => {
    const nc = await connectNats({ url: natsUrl, name: 'test', logger });
    onCleanup(() => nc.drain());
    return nc;
  })
  .extend('fakeAuth', { scope: 'file' }, async ({ nc, logger }, { onCleanup }): Promise<FakeAuth> => {
    const auth = await startFakeAuth(nc, logger);
    onCleanup(() => auth.stop());
    return auth;
  })
  .extend('startTestService', { scope: 'file' }, ({ world, serviceEnv }, { onCleanup }) => {
    const start = starter(startTestService, onCleanup);
    return <N extends ServiceName>(name: N, opts: TestServiceOptions = {}) =>
      start(name, world, { ...opts, env: { ...serviceEnv[name], ...opts.env } }) as Promise<TestService<N>>;
  })
  .extend('startTestGateway', { scope: 'file' }, ({ world, gatewayOptions }, { onCleanup }) =>
    starter(
      (opts: TestGatewayOptions = {}): Promise<TestGateway> => startTestGateway(world, merge(gatewayOptions, opts)),
      onCleanup,
    ),
  )
  .extend('startTestGatewayProcess', { scope: 'file' }, ({ world, gatewayOptions }, { onCleanup }) =>
    starter((opts: TestGatewayProcessOptions = {}): Promise<TestGatewayProcess> => {
      const { registry: _, logger: __, ...shared } = gatewayOptions;
      return startTestGatewayProcess(world, merge(shared, opts));
    }, onCleanup),
  )
  .extend('gateway', { scope: 'file' }, ({ startTestGateway }) => startTestGateway({ replicaId: 'a' }))
  .extend('gateways', { scope: 'file' }, async ({ gateway, startTestGateway }) => ({
    a: gateway,
    b: await startTestGateway({ replicaId: 'b' }),
  }))
  .extend('auth', { scope: 'file' }, ({ startTestService }) => startTestService('auth'))
  .extend('chat', { scope: 'file' }, ({ startTestService }) => startTestService('chat'))
  .extend('playco', { scope: 'file' }, ({ startTestService }) => startTestService('playco'))
  .extend('worker', { scope: 'file' }, ({ startTestService }) => startTestService('worker'))
  .extend('connectTestSocket', { scope: 'file' }, () => connectTestSocket)
  .extend('openSockets', { scope: 'file', auto: true }, ({ connectTestSocket: connect }, { onCleanup }) => {
    onCleanup(closeTestSockets);
    return connect;
  });
