import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import postgres from 'postgres';
import { migrateDatabase } from '../db/migrate.ts';
import { testServers } from './servers.ts';

export interface MigrationSet {
  schemaName: string;
  migrationsFolder: string;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

function migrationsHash(sets: MigrationSet[]): string {
  const h = createHash('sha1');
  for (const s of sets) {
    h.update(s.schemaName);
    for (const f of readdirSync(s.migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort())
      h.update(f).update(readFileSync(join(s.migrationsFolder, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * A fresh database for one test file: cloned from a template that holds the given migrations
 * (built once per migration content, under a lock, shared by parallel test files).
 */
export async function createTestDatabase(sets: MigrationSet[] = []): Promise<TestDatabase> {
  const { databaseUrl } = testServers();
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const template = `seed_tpl_${migrationsHash(sets)}`;
  const name = `seed_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin`select pg_advisory_lock(hashtext('seed:test-template'))`;
    try {
      const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
      if (!exists) {
        await admin.unsafe(`create database "${template}_build"`).catch(async () => {
          await admin.unsafe(`drop database "${template}_build"`);
          await admin.unsafe(`create database "${template}_build"`);
        });
        const logger = pino({ level: 'silent' });
        for (const set of sets)
          await migrateDatabase({ url: withDatabase(databaseUrl, `${template}_build`), ...set, logger });
        await admin.unsafe(`alter database "${template}_build" rename to "${template}"`);
      }
    } finally {
      await admin`select pg_advisory_unlock(hashtext('seed:test-template'))`;
    }
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(databaseUrl, name),
    name,
    async drop() {
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    },
  };
}
