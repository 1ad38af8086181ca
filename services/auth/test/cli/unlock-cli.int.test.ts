import { createDatabase, createLogger, createRedis, type Redis } from '@seed/runtime';
import {
  createTestDatabase,
  deleteTestKeys,
  type TestDatabase,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/app.ts';
import * as schema from '../../src/db/schema.ts';
import { accountLockSubject, createLoginLockout } from '../../src/limits/login-lockout.ts';
import { runAuthCli } from '../support/keys-cli.ts';

const prefix = testRedisPrefix();
const logger = createLogger({ service: 'test', level: 'silent' });
const ada = { id: '7001', email: 'Ada@Example.com', phone: '+15550001111', nickname: 'ada_l' };
const bob = { id: '7002', email: 'bob@example.com', phone: null, nickname: 'bobby' };

describe('auth:unlock (operator command)', () => {
  let database: TestDatabase;
  let redis: Redis;
  let env: Record<string, string>;
  const lockout = () => createLoginLockout(redis, { keyPrefix: prefix, maxFailures: 2 });
  const lockOut = async (userId: string) => {
    for (let i = 0; i < 2; i++) await lockout().attempt(accountLockSubject(userId), async () => false);
    expect(await lockout().lockedFor(accountLockSubject(userId))).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    database = await createTestDatabase([{ schemaName: 'auth', migrationsFolder }]);
    const db = createDatabase({ url: database.url, poolSize: 1, schema, appName: 'unlock-test' });
    await db.db
      .insert(schema.users)
      .values([ada, bob].map((u) => ({ ...u, passwordHash: 'x', emailVerifiedAt: new Date() })));
    await db.close();
    redis = createRedis({ url: testServers().redisUrl, name: 'unlock-test', logger });
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testServers().redisUrl,
      REDIS_KEY_PREFIX: prefix,
      NODE_ENV: 'production',
    };
  });
  afterAll(async () => {
    await deleteTestKeys(redis, prefix);
    await redis?.quit();
    await database?.drop();
  });

  it.each([
    ['email, in any case', 'ada@example.COM'],
    ['phone', '+15550001111'],
    ['nickname', 'ADA_L'],
  ])('finds a locked-out account by its %s and lets it sign in again', async (_, login) => {
    await lockOut(ada.id);
    const run = await runAuthCli('unlock', [login], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^unlocked ada_l \(id 7001, Ada@Example\.com, \+15550001111\): it was locked for another \d+ min/,
    );
    expect(await lockout().lockedFor(accountLockSubject(ada.id))).toBe(0);
  });

  it('says so when the account was not locked', async () => {
    const run = await runAuthCli('unlock', ['bobby'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('bobby (id 7002, bob@example.com) was not locked');
  });

  it('exits 1 naming the login when no account matches', async () => {
    const run = await runAuthCli('unlock', ['nobody@example.com'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no account has the email, phone or nickname nobody@example.com');
  });

  it('prints its usage on --help, and refuses to run without an account', async () => {
    const help = await runAuthCli('unlock', ['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: auth:unlock <email \| phone \| nickname>/);
    const none = await runAuthCli('unlock', [], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: auth:unlock');
  });
});
