import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRegistry } from '../ops/process-registry.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { metricValue } from '../testing/metrics.ts';
import { uniqueName } from '../testing/names.ts';
import { createDatabase, type Database } from './database.ts';

describe('a PostgreSQL pool on /metrics', () => {
  let testDb: TestDatabase;
  let database: Database<Record<string, never>>;
  const pool = uniqueName('pool');
  const gauge = async (name: string) => metricValue(await processRegistry.metrics(), name, { pool });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase({ url: testDb.url, poolSize: 2, schema: {}, appName: pool });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('shows its size and the queries and transactions running on it, queued ones included', async () => {
    expect(await gauge('seed_db_pool_size')).toBe(2);
    expect(await gauge('seed_db_pool_active')).toBe(0);
    const { sql } = database;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = sql.begin(async (tx) => {
      await tx`select 1`;
      await held;
    });
    // Awaited now (postgres.js runs a query when it is awaited): two more than the pool's one free connection.
    const sleeping = Promise.all([sql`select pg_sleep(0.3)`, database.db.execute('select pg_sleep(0.3)')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await gauge('seed_db_pool_active')).toBe(3);
    await sleeping;
    expect(await gauge('seed_db_pool_active')).toBe(1);
    release();
    await transaction;
    expect(await gauge('seed_db_pool_active')).toBe(0);
  });
});
