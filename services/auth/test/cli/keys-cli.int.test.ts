import { createDatabase } from '@seed/runtime';
import { createTestDatabase, type TestDatabase } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, migrationsFolder } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import * as schema from '../../src/db/schema.ts';
import { TEST_KEYS_SECRET } from '../support/fixtures.ts';
import { listedKeys, rotatedKid, runKeysCli } from '../support/keys-cli.ts';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase([{ schemaName: 'auth', migrationsFolder }]);
  env = {
    DATABASE_URL: database.url,
    AUTH_KEYS_SECRET: TEST_KEYS_SECRET,
    KEY_ACTIVATION_DELAY_MS: '600000',
    LOG_LEVEL: 'silent',
  };
});
afterAll(async () => {
  await database?.drop();
});

describe('auth:keys (operator command)', () => {
  it('lists no keys before auth ever started', async () => {
    const run = await runKeysCli(['list'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('no keys yet');
  });

  it('rotates in a pending key next to the first one, then one that signs at once with --now', async () => {
    const rotate = await runKeysCli(['rotate'], env);
    expect(rotate.code).toBe(0);
    const pending = rotatedKid(rotate.stdout);
    expect(pending).toBeDefined();
    const afterRotate = listedKeys(rotate.stdout);
    expect(afterRotate.size).toBe(2);
    expect(afterRotate.get(pending!)).toBe('pending');
    const [first] = [...afterRotate].find(([, state]) => state === 'signing') ?? [];
    expect(first).toBeDefined();

    const now = await runKeysCli(['rotate', '--now'], env);
    expect(now.code).toBe(0);
    const immediate = rotatedKid(now.stdout);
    expect(immediate).toBeDefined();

    const list = await runKeysCli(['list'], env);
    expect(list.code).toBe(0);
    expect(Object.fromEntries(listedKeys(list.stdout))).toEqual({
      [first!]: 'published',
      [pending!]: 'pending',
      [immediate!]: 'signing',
    });

    // What the command stored is what the service signs and publishes with.
    const config = loadConfig(env);
    const db = createDatabase({ url: database.url, poolSize: 1, schema, appName: 'auth-keys-test' });
    try {
      const keys = createKeys(config, db);
      expect((await keys.signingKey()).kid).toBe(immediate);
      expect((await keys.jwks()).keys.map((k) => k.kid).sort()).toEqual([first, pending, immediate].sort());
    } finally {
      await db.close();
    }
  });

  it('prints its usage on --help and exits 0', async () => {
    const run = await runKeysCli(['--help'], {});
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: auth:keys list \| rotate/);
  });

  it.each([[['frobnicate']], [[]]])('refuses an unknown command %j with its usage', async (args) => {
    const run = await runKeysCli(args, env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/usage: auth:keys list \| rotate/);
    expect(run.stdout).toBe('');
  });

  it('names a missing secret and exits non-zero without touching the keys', async () => {
    const { AUTH_KEYS_SECRET: _, ...withoutSecret } = env;
    // In production nothing is taken from the development secrets `npm start` keeps.
    const run = await runKeysCli(['rotate'], { ...withoutSecret, NODE_ENV: 'production' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('AUTH_KEYS_SECRET');
    expect(listedKeys((await runKeysCli(['list'], env)).stdout).size).toBe(3);
  });
});
