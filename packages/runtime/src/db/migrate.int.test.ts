import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { migrateDatabase } from './migrate.ts';

const migrationsFolder = join(import.meta.dirname, '../../test/fixtures/notes-service/drizzle');
const logger = createLogger({ service: 'test', level: 'silent' });

describe('migrations at start-up', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('apply once when several replicas start together, and again is a no-op', async () => {
    const replicas = Array.from({ length: 4 }, () =>
      migrateDatabase({ url: database.url, schemaName: 'notes', migrationsFolder, logger }),
    );
    await Promise.all(replicas);
    await migrateDatabase({ url: database.url, schemaName: 'notes', migrationsFolder, logger });
    const sql = postgres(database.url, { max: 1 });
    try {
      const [row] = await sql`insert into notes.notes (id, body) values (1, 'hello') returning body`;
      expect(row?.body).toBe('hello');
      const journal = await sql`select count(*)::int as n from drizzle.notes_migrations`;
      expect(journal[0]?.n).toBe(1);
    } finally {
      await sql.end();
    }
  });

  it('give each test database a clone of the migrated template', async () => {
    const a = await createTestDatabase([{ schemaName: 'notes', migrationsFolder }]);
    const b = await createTestDatabase([{ schemaName: 'notes', migrationsFolder }]);
    const sa = postgres(a.url, { max: 1 });
    const sb = postgres(b.url, { max: 1 });
    try {
      await sa`insert into notes.notes (id, body) values (1, 'only in a')`;
      const rows = await sb`select * from notes.notes`;
      expect(rows.length).toBe(0);
    } finally {
      await Promise.all([sa.end(), sb.end()]);
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
