import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  connectServiceInfrastructure,
  createServiceHost,
  createSnowflake,
  DEFAULT_JOBS_TOPOLOGY,
  type JobsTopology,
  type Logger,
  leaseWorkerId,
  type NatsConnection,
  type OutboxRelay,
  type Redis,
  startOutboxRelay,
} from '@seed/runtime';
import { createAccountsService } from './accounts/accounts.service.ts';
import { createUserViews } from './accounts/user-views.ts';
import { createAvatarStorage } from './avatars/avatar-storage.ts';
import { createCleanupService } from './cleanup/cleanup.service.ts';
import type { AuthConfig } from './config.ts';
import type { AuthDatabase } from './db/database.ts';
import * as schema from './db/schema.ts';
import { createStore } from './db/store.ts';
import { createDevicesService } from './devices/devices.service.ts';
import { createLoginLockout } from './limits/login-lockout.ts';
import { createRateLimiter } from './limits/rate-limiter.ts';
import { createPasswordHasher } from './passwords/password-hasher.ts';
import { createPasswordGuard, createPasswordsService } from './passwords/passwords.service.ts';
import { createRevocations } from './sessions/revocations.ts';
import { createSessionsService } from './sessions/sessions.service.ts';
import { createAccessTokenIssuer } from './tokens/access-tokens.ts';
import { createKeyCrypto } from './tokens/key-crypto.ts';
import { createKeysRepository } from './tokens/keys.repository.ts';
import { createKeysService, type KeysService } from './tokens/keys.service.ts';
import { type AuthServices, serveAuth } from './transport/nats.handlers.ts';
import { createEmailLinksService } from './verification/email-links.service.ts';
import { createPhoneCodesService } from './verification/phone-codes.service.ts';

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

export interface AuthApp {
  services: AuthServices;
  infra: AuthInfra;
  outbox: OutboxRelay;
  stop(): Promise<void>;
}

/** The signing keys on their own, for the operator command. */
export const createKeys = (config: AuthConfig, database: AuthDatabase): KeysService =>
  createKeysService({
    repo: createKeysRepository(database.db),
    crypto: createKeyCrypto(config.AUTH_KEYS_SECRET),
    accessTokenTtlMs: config.ACCESS_TOKEN_TTL_SEC * 1000,
    activationDelayMs: config.KEY_ACTIVATION_DELAY_MS,
  });

/** Composition root: builds auth on its infrastructure and starts serving NATS. */
export async function createApp(config: AuthConfig, logger: Logger, given?: Partial<AuthInfra>): Promise<AuthApp> {
  const { infra, close: closeClients } = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'auth',
    migrationsFolder,
    schema,
    config,
    logger,
    ...(given ? { given } : {}),
  });
  const { nc, redis, database } = infra;
  const jobsTopology = given?.jobsTopology ?? { ...DEFAULT_JOBS_TOPOLOGY, subjectPrefix: config.JOBS_SUBJECT_PREFIX };

  const lease = await leaseWorkerId(redis);
  const ids = createSnowflake({ workerId: lease.workerId, isValid: lease.isValid });
  const keys = createKeys(config, database);
  await keys.ensureKey();
  const store = createStore(database.db, jobsTopology);
  const hasher = await createPasswordHasher({ concurrency: config.PASSWORD_HASH_CONCURRENCY });
  const limiter = createRateLimiter(redis, { keyPrefix: config.REDIS_KEY_PREFIX });
  const lockout = createLoginLockout(redis, { keyPrefix: config.REDIS_KEY_PREFIX });
  const revocations = createRevocations(redis, config.ACCESS_TOKEN_TTL_SEC);
  // Auth's Redis has no key prefix of its own, like the gateway's: its file grants are read there.
  const { uploads, avatars } = createAvatarStorage({
    config,
    nc,
    gatewayRedis: redis,
    database,
    store,
    nextId: () => ids.next(),
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
    refreshTtlSec: config.REFRESH_TOKEN_TTL_SEC,
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
  const services: AuthServices = {
    sessions,
    emailLinks,
    keys,
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
    uploads,
  };

  const outbox = await startOutboxRelay({ sql: database.sql, table: schema.outbox, js: jetstream(nc), nc, logger });
  const host = await createServiceHost(nc, { name: SERVICE_NAME, version: '0.1.0', logger });
  serveAuth(host, services);
  logger.info({ workerId: lease.workerId }, 'auth serving');

  return {
    services,
    infra: { nc, redis, database, jobsTopology },
    outbox,
    async stop() {
      await host.stop();
      await outbox.stop();
      await lease.release();
      await closeClients();
    },
  };
}
