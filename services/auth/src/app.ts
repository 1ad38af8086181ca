import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  connectServiceInfrastructure,
  createIdempotency,
  createLeasedSnowflake,
  createServiceHost,
  DEFAULT_JOBS_TOPOLOGY,
  type JobsTopology,
  type Logger,
  type NatsConnection,
  type Redis,
  startOutboxRelay,
} from '@seed/runtime';
import { createAccountsService, createUserViews, serveAccountsHandlers } from './accounts/index.ts';
import { createAvatarStorage, serveAvatarsHandlers } from './avatars/index.ts';
import { createCleanupService, serveCleanupHandlers } from './cleanup/index.ts';
import type { AuthConfig } from './config.ts';
import type { AuthDatabase } from './db/database.ts';
import * as schema from './db/schema.ts';
import { createAuthStore } from './db/store.ts';
import { createDevicesService, serveDevicesHandlers } from './devices/index.ts';
import { createLoginLockout, createRateLimiter } from './limits/index.ts';
import {
  createPasswordGuard,
  createPasswordHasher,
  createPasswordsService,
  servePasswordsHandlers,
} from './passwords/index.ts';
import {
  createRefreshSuccessors,
  createRevocations,
  createSessionsService,
  serveSessionsHandlers,
  startRevocationsReload,
} from './sessions/index.ts';
import { createAccessTokenIssuer, createKeys, serveTokensHandlers } from './tokens/index.ts';
import { createEmailLinksService, createPhoneCodesService, serveVerificationHandlers } from './verification/index.ts';

export { createKeys } from './tokens/index.ts';

export const SERVICE_NAME = 'auth';
export const migrationsFolder = join(import.meta.dirname, '../drizzle');

/** What the app runs on; tests pass their own, `main` lets the app build them from config. */
export interface AuthInfra {
  nc: NatsConnection;
  redis: Redis;
  database: AuthDatabase;
  /** Where enqueued jobs go (tests use a topology of their own). */
  jobsTopology: JobsTopology;
}

/** Composition root: builds auth on its infrastructure and starts serving NATS. */
export async function createApp(config: AuthConfig, logger: Logger, given: Partial<AuthInfra> = {}) {
  const { infra, close: closeClients } = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'auth',
    migrationsFolder,
    schema,
    config,
    logger,
    given,
  });
  const { nc, redis, database } = infra;
  const jobsTopology = given.jobsTopology ?? { ...DEFAULT_JOBS_TOPOLOGY, subjectPrefix: config.JOBS_SUBJECT_PREFIX };
  const { ids, lease } = await createLeasedSnowflake(redis, logger);

  const keys = createKeys(config, database);
  await keys.ensureKey();
  const store = createAuthStore(database.db, jobsTopology);
  const hasher = await createPasswordHasher({ concurrency: config.PASSWORD_HASH_CONCURRENCY });
  const limiter = createRateLimiter(redis, { keyPrefix: config.REDIS_KEY_PREFIX });
  const lockout = createLoginLockout(redis, { keyPrefix: config.REDIS_KEY_PREFIX });
  const revocations = createRevocations(redis, config.ACCESS_TOKEN_TTL_SEC, { keyPrefix: config.REDIS_KEY_PREFIX });
  // Auth's Redis has no key prefix of its own, like the gateway's: its file grants are read there.
  const nextId = () => ids.next();
  const { uploads, avatars } = createAvatarStorage({
    config,
    nc,
    gatewayRedis: redis,
    database,
    store,
    nextId,
    serviceName: SERVICE_NAME,
  });
  const views = createUserViews(avatars.urls);
  const guard = createPasswordGuard({ hasher, lockout });
  const accessTokens = createAccessTokenIssuer({
    keys,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSec: config.ACCESS_TOKEN_TTL_SEC,
  });
  const sessions = createSessionsService({
    store,
    ids,
    hasher,
    lockout,
    limiter,
    accessTokens,
    revocations,
    views,
    successors: createRefreshSuccessors(config.AUTH_KEYS_SECRET),
    refreshTtlSec: config.REFRESH_TOKEN_TTL_SEC,
    refreshReuseGraceMs: config.AUTH_REFRESH_REUSE_GRACE_MS,
    loginsPerIpPerMin: config.LIMIT_LOGIN_PER_IP_PER_MIN,
  });
  const emailLinks = createEmailLinksService({
    store,
    limiter,
    views,
    verifyUrl: config.EMAIL_VERIFY_URL,
    resetUrl: config.PASSWORD_RESET_URL,
    messagesPerIpPerHour: config.LIMIT_MESSAGES_PER_IP_PER_HOUR,
    equalTimeMs: config.EQUAL_TIME_MS,
  });
  const services = {
    sessions,
    emailLinks,
    keys,
    uploads,
    accounts: createAccountsService({
      store,
      ids,
      hasher,
      guard,
      limiter,
      sessions,
      emailLinks,
      revocations,
      avatars,
      views,
      signupEmailDomains: config.SIGNUP_EMAIL_DOMAINS,
      signupsPerIpPerHour: config.LIMIT_SIGNUP_PER_IP_PER_HOUR,
      availabilityPerIpPerMin: config.LIMIT_AVAILABILITY_PER_IP_PER_MIN,
    }),
    passwords: createPasswordsService({ store, hasher, guard, lockout, sessions, revocations }),
    phoneCodes: createPhoneCodesService({
      store,
      ids,
      limiter,
      codeSecret: config.AUTH_KEYS_SECRET,
      messagesPerIpPerHour: config.LIMIT_MESSAGES_PER_IP_PER_HOUR,
    }),
    devices: createDevicesService({ store }),
    cleanup: createCleanupService({ store, keys, uploads, avatars, staleUploadAgeMs: config.STALE_UPLOAD_AGE_MS }),
  };

  const revocationsReload = startRevocationsReload({
    sessions: store.sessions,
    revocations,
    intervalMs: config.REVOCATIONS_CHECK_INTERVAL_MS,
    logger,
  });
  const outbox = await startOutboxRelay({ sql: database.sql, table: schema.outbox, js: jetstream(nc), nc, logger });
  const host = await createServiceHost(nc, {
    name: SERVICE_NAME,
    version: '0.1.0',
    logger,
    idempotency: createIdempotency(redis, { ttlMs: config.IDEMPOTENCY_KEY_TTL_SEC * 1000 }),
  });
  serveTokensHandlers(host, services.keys);
  serveAccountsHandlers(host, services.accounts);
  serveAvatarsHandlers(host, services.uploads);
  serveVerificationHandlers(host, services);
  servePasswordsHandlers(host, services.passwords);
  serveSessionsHandlers(host, services.sessions);
  serveDevicesHandlers(host, services.devices);
  serveCleanupHandlers(host, services.cleanup);
  logger.info({ workerId: lease.workerId }, 'auth serving');

  return {
    services,
    infra: { nc, redis, database, jobsTopology },
    readiness: { ids: lease.isValid },
    outbox,
    async stop() {
      await host.stop();
      await revocationsReload.stop();
      await outbox.stop();
      await lease.release();
      await closeClients();
    },
  };
}

export type AuthApp = Awaited<ReturnType<typeof createApp>>;
