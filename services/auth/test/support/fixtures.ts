import { DEFAULT_JOBS_TOPOLOGY, decodeJson, type Logger, type NatsConnection, type Redis } from '@seed/runtime';
import { test as kit, type ServiceEnv, type TestService } from '@seed/testkit';

export const TEST_KEYS_SECRET = 'test-secret-that-is-at-least-32-characters-long';
/** Auth's own Redis keys (quotas, lockouts) sit under this, so a test can forget them all at once. */
const LIMITS_PREFIX = 'limits:';

/** How long a used refresh token still gets the pair it got, in these tests. */
export const REFRESH_GRACE_MS = 500;

/** Auth's settings in these tests: keys that sign at once, short equal-time answers, a short refresh grace. */
export const AUTH_TEST_ENV = {
  AUTH_KEYS_SECRET: TEST_KEYS_SECRET,
  REDIS_KEY_PREFIX: LIMITS_PREFIX,
  EQUAL_TIME_MS: '50',
  KEY_ACTIVATION_DELAY_MS: '0',
  AUTH_REFRESH_REUSE_GRACE_MS: String(REFRESH_GRACE_MS),
};

export interface SentJob {
  subject: string;
  payload: { to: string; text: string; subject?: string };
}

/** Auth on a test's world, with the jobs it enqueues (email and SMS) recorded in order. */
export function authWorldOf(f: {
  auth: TestService<'auth'>;
  nc: NatsConnection;
  redis: Redis;
  redisPrefix: string;
  natsUrl: string;
  logger: Logger;
}) {
  const jobs: SentJob[] = [];
  const subscription = f.nc.subscribe(`${DEFAULT_JOBS_TOPOLOGY.subjectPrefix}.>`, {
    callback: (_, msg) => {
      jobs.push({ subject: msg.subject, payload: decodeJson(msg.data) as SentJob['payload'] });
    },
  });
  return {
    nc: f.nc,
    redis: f.redis,
    logger: f.logger,
    nats: { url: f.natsUrl },
    auth: f.auth.app,
    config: f.auth.config,
    database: f.auth.database!,
    jobs,
    /** Forgets every quota and lockout, as if an hour had passed. */
    async resetLimits() {
      const keys = await f.redis.keys(`${f.redisPrefix}${LIMITS_PREFIX}*`);
      if (keys.length) await f.redis.del(...keys.map((k) => k.slice(f.redisPrefix.length)));
    },
    /** One more auth replica on the same database, Redis and NATS. */
    replica: () => f.auth.replica(),
    stop: () => subscription.drain(),
  };
}
export type AuthWorld = ReturnType<typeof authWorldOf>;

/** The kit's fixtures for auth's tests: `authWorld`, and the real gateway in front of it. */
export const test = kit
  .extend('serviceEnv', { scope: 'file' }, { auth: AUTH_TEST_ENV } as ServiceEnv)
  .extend('gatewayOptions', { scope: 'file' }, { env: { RATE_LIMIT_MAX: '100000' } })
  .extend('authWorld', { scope: 'file' }, ({ auth, nc, redis, redisPrefix, natsUrl, logger }, { onCleanup }) => {
    const world = authWorldOf({ auth, nc, redis, redisPrefix, natsUrl, logger });
    onCleanup(() => world.stop());
    return world;
  });

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
