import { jetstream } from '@nats-io/jetstream';
import {
  connectNats,
  createDatabase,
  createLogger,
  createRedis,
  DEFAULT_JOBS_TOPOLOGY,
  decodeJson,
  ensureJobStreams,
  type Logger,
  type NatsConnection,
  type Redis,
} from '@seed/runtime';
import {
  createTestDatabase,
  type PrivateNats,
  startPrivateNats,
  type TestDatabase,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { type AuthApp, createApp, migrationsFolder } from '../../src/app.ts';
import { type AuthConfig, loadConfig } from '../../src/config.ts';
import * as schema from '../../src/db/schema.ts';

export const TEST_KEYS_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface SentJob {
  subject: string;
  payload: { to: string; text: string; subject?: string };
}

export interface AuthWorld {
  nats: PrivateNats;
  nc: NatsConnection;
  redis: Redis;
  database: TestDatabase;
  config: AuthConfig;
  auth: AuthApp;
  /** Jobs auth enqueued (email and SMS), in order. */
  jobs: SentJob[];
  /** Forgets every quota and lockout, as if an hour had passed. */
  resetLimits(): Promise<void>;
  logger: Logger;
  /** Starts one more auth replica on the same database, Redis and NATS. */
  replica(): Promise<AuthApp>;
  stop(): Promise<void>;
}

/**
 * Auth on a NATS server of its own, a fresh database and its own Redis key prefix. Jobs land in
 * the default job stream of that server; `jobs` records them as they pass (`captureJobs`), or a
 * worker consumes them.
 */
export async function startAuthWorld(
  opts: { env?: Record<string, string>; captureJobs?: boolean; redisUrl?: string } = {},
): Promise<AuthWorld> {
  const logger = createLogger({ service: 'auth-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const nats = await startPrivateNats();
  const nc = await connectNats({ url: nats.url, name: 'auth-test', logger });
  await ensureJobStreams(jetstream(nc));
  const redisUrl = opts.redisUrl ?? testServers().redisUrl;
  const redis = createRedis({ url: redisUrl, name: 'auth-test', logger });
  const prefix = testRedisPrefix();
  const database = await createTestDatabase([{ schemaName: 'auth', migrationsFolder }]);
  const config = loadConfig({
    AUTH_KEYS_SECRET: TEST_KEYS_SECRET,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: redisUrl,
    NATS_URL: nats.url,
    LOG_LEVEL: 'silent',
    REDIS_KEY_PREFIX: prefix,
    EQUAL_TIME_MS: '50',
    KEY_ACTIVATION_DELAY_MS: '0',
    ...opts.env,
  });
  const jobs: SentJob[] = [];
  if (opts.captureJobs !== false) {
    nc.subscribe(`${DEFAULT_JOBS_TOPOLOGY.subjectPrefix}.>`, {
      callback: (_, msg) => {
        jobs.push({ subject: msg.subject, payload: decodeJson(msg.data) as SentJob['payload'] });
      },
    });
  }
  const apps: AuthApp[] = [];
  const replica = async () => {
    const db = createDatabase({ url: database.url, poolSize: 4, schema, appName: 'auth-test' });
    const app = await createApp(config, logger, { nc, redis, database: db, jobsTopology: DEFAULT_JOBS_TOPOLOGY });
    apps.push(app);
    const stop = app.stop;
    app.stop = async () => {
      await stop();
      await db.close();
    };
    return app;
  };
  const auth = await replica();
  const resetLimits = async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  };
  return {
    logger,
    resetLimits,
    nats,
    nc,
    redis,
    database,
    config,
    auth,
    jobs,
    replica,
    async stop() {
      for (const app of apps) await app.stop().catch(() => {});
      await resetLimits();
      redis.disconnect();
      await nc.drain();
      await database.drop();
      await nats.stop();
    },
  };
}

/** The 6-digit code in the newest SMS sent to `phone` (among jobs from index `from` on). */
export function lastCode(jobs: SentJob[], phone: string, from = 0): string | undefined {
  const sms = jobs
    .slice(from)
    .filter((j) => j.subject.endsWith('sms.send') && j.payload.to === phone)
    .at(-1);
  return sms?.payload.text.match(/\b(\d{6})\b/)?.[1];
}

/** The token of the newest emailed link sent to `email` (among jobs from index `from` on). */
export function lastLinkToken(jobs: SentJob[], email: string, from = 0): string | undefined {
  const mail = jobs
    .slice(from)
    .filter((j) => j.subject.endsWith('email.send') && j.payload.to === email)
    .at(-1);
  return mail?.payload.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
}
