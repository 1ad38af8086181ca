import type { JobsTopology, NatsConnection, Redis, SnowflakeGenerator } from '@seed/runtime';
import { createAccountsService } from './accounts/accounts.service.ts';
import { createUserViews } from './accounts/user-views.ts';
import { createAvatarStorage } from './avatars/avatar-storage.ts';
import { createCleanupService } from './cleanup/cleanup.service.ts';
import type { AuthConfig } from './config.ts';
import type { AuthDatabase } from './db/database.ts';
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
import type { AuthServices } from './transport/nats.handlers.ts';
import { createEmailLinksService } from './verification/email-links.service.ts';
import { createPhoneCodesService } from './verification/phone-codes.service.ts';

export const SERVICE_NAME = 'auth';

/** The signing keys on their own, for the operator command. */
export const createKeys = (config: AuthConfig, database: AuthDatabase): KeysService =>
  createKeysService({
    repo: createKeysRepository(database.db),
    crypto: createKeyCrypto(config.AUTH_KEYS_SECRET),
    accessTokenTtlMs: config.ACCESS_TOKEN_TTL_SEC * 1000,
    activationDelayMs: config.KEY_ACTIVATION_DELAY_MS,
  });

/** Auth's domain services wired to each other and to their stores; no transport here. */
export async function createAuthServices(
  config: AuthConfig,
  deps: {
    nc: NatsConnection;
    redis: Redis;
    database: AuthDatabase;
    jobsTopology: JobsTopology;
    ids: SnowflakeGenerator;
  },
): Promise<AuthServices> {
  const { nc, redis, database, jobsTopology, ids } = deps;
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
  return {
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
}
