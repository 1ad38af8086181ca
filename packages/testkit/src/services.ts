import { jetstream } from '@nats-io/jetstream';
import { connectNats, createLogger, createRedis, ensureJobStreams, type Logger, type Redis } from '@seed/runtime';
import { createTestDatabase, type TestDatabase, testServers } from '@seed/runtime/testing';
import { startFakeOembed } from './fake-oembed.ts';

export type Env = Record<string, string>;

/** What a service needs beside the world's servers: a stand-in for an outside service, say. */
interface Extras {
  env: Env;
  stop(): Promise<void>;
}

/**
 * The services a test may start, each from its package entry (`createApp`, `migrationsFolder`)
 * and config entry (`loadConfig`), with the settings tests run it with.
 */
const services = {
  auth: {
    entry: () => import('@seed/auth'),
    config: () => import('@seed/auth/config'),
    env: {
      AUTH_KEYS_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      EQUAL_TIME_MS: '50',
      KEY_ACTIVATION_DELAY_MS: '0',
    } as Env,
    extras: undefined,
  },
  chat: {
    entry: () => import('@seed/chat'),
    config: () => import('@seed/chat/config'),
    env: {} as Env,
    extras: undefined,
  },
  playco: {
    entry: () => import('@seed/playco'),
    config: () => import('@seed/playco/config'),
    env: { YOUTUBE_OEMBED_TIMEOUT_MS: '1000' } as Env,
    async extras(): Promise<Extras> {
      const oembed = await startFakeOembed();
      return { env: { YOUTUBE_OEMBED_URL: oembed.url }, stop: oembed.stop };
    },
  },
  worker: {
    entry: () => import('@seed/worker'),
    config: () => import('@seed/worker/config'),
    env: {} as Env,
    extras: undefined,
  },
};

export type ServiceName = keyof typeof services;
type Entry<N extends ServiceName> = Awaited<ReturnType<(typeof services)[N]['entry']>>;
type ConfigOf<N extends ServiceName> = ReturnType<Awaited<ReturnType<(typeof services)[N]['config']>>['loadConfig']>;
export type ServiceApp<N extends ServiceName> = Awaited<ReturnType<Entry<N>['createApp']>>;

/** Where a test's services run: its NATS server and its Redis key prefix. */
export interface TestWorld {
  natsUrl: string;
  redisPrefix: string;
}

export interface TestServiceOptions {
  /** Settings on top of the test defaults. */
  env?: Env;
  logger?: Logger;
}

export interface TestService<N extends ServiceName = ServiceName> {
  name: N;
  app: ServiceApp<N>;
  config: ConfigOf<N>;
  /** The service's own database (services that own data). */
  database?: TestDatabase;
  /** One more replica on the same database, NATS and Redis (stopped with the service). */
  replica(): Promise<ServiceApp<N>>;
  stop(): Promise<void>;
}

/**
 * A real service in this process, from its package entry: on the world's NATS, a database of its
 * own cloned from the migrated template, and the world's Redis prefix (its Redis client is given,
 * so keys it shares with the gateway, such as revocations, land under the same prefix).
 */
export async function startTestService<N extends ServiceName>(
  name: N,
  world: TestWorld,
  opts: TestServiceOptions = {},
): Promise<TestService<N>> {
  const spec = services[name];
  const [entry, { loadConfig }] = await Promise.all([spec.entry(), spec.config()]);
  const logger = opts.logger ?? createLogger({ service: name, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const database =
    'migrationsFolder' in entry
      ? await createTestDatabase([{ schemaName: name, migrationsFolder: entry.migrationsFolder }])
      : undefined;
  const extras = spec.extras ? await spec.extras() : undefined;
  const redis: Redis = createRedis({
    url: testServers().redisUrl,
    name: `${name}-test`,
    logger,
    keyPrefix: world.redisPrefix,
  });
  try {
    await ensureDefaultJobStreams(world.natsUrl, logger);
    const env: Env = {
      NATS_URL: world.natsUrl,
      REDIS_URL: testServers().redisUrl,
      LOG_LEVEL: 'silent',
      OPS_PORT: '0',
      DATABASE_POOL_SIZE: '4',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...spec.env,
      ...extras?.env,
      ...opts.env,
    };
    const config = loadConfig(env) as ConfigOf<N>;
    // Chat reads the gateway's presence where the gateway writes it; the worker calls no cleanup
    // of services a test did not start.
    const given = {
      redis,
      ...(name === 'chat' ? { presenceRedis: redis } : {}),
      ...(name === 'worker' ? { cleanups: [] } : {}),
    };
    const createApp = entry.createApp as (config: unknown, logger: Logger, given: object) => Promise<ServiceApp<N>>;
    const app = await createApp(config, logger, given);
    const replicas: ServiceApp<N>[] = [];
    let stopped: Promise<void> | undefined;
    return {
      name,
      app,
      config,
      ...(database ? { database } : {}),
      async replica(): Promise<ServiceApp<N>> {
        const replica = await createApp(config, logger, given);
        replicas.push(replica);
        return replica;
      },
      stop: () =>
        (stopped ??= (async () => {
          for (const replica of replicas.splice(0)) await replica.stop();
          await app.stop();
          await redis.quit();
          await extras?.stop();
          await database?.drop();
        })()),
    };
  } catch (err) {
    redis.disconnect();
    await extras?.stop();
    await database?.drop();
    throw err;
  }
}

/** The migrations of those of `names` that own data, for a database they share. */
export async function migrationsOf(names: readonly ServiceName[]) {
  const entries = await Promise.all(names.map(async (name) => ({ name, entry: await services[name].entry() })));
  return entries.flatMap(({ name, entry }) =>
    'migrationsFolder' in entry ? [{ schemaName: name, migrationsFolder: entry.migrationsFolder }] : [],
  );
}

/** Services enqueue jobs before any worker made the streams: tests make them first, as a deploy would. */
async function ensureDefaultJobStreams(natsUrl: string, logger: Logger): Promise<void> {
  const nc = await connectNats({ url: natsUrl, name: 'testkit', logger });
  try {
    await ensureJobStreams(jetstream(nc));
  } finally {
    await nc.drain();
  }
}
