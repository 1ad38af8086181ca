import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Logger } from '../logger.ts';

/**
 * Applies a service's committed migrations under a PostgreSQL advisory lock, so replicas starting
 * together apply them once. Each service's journal is its own table in the `drizzle` schema (kept
 * out of the service's schema, whose first migration creates it).
 */
export async function migrateDatabase(opts: {
  url: string;
  schemaName: string;
  migrationsFolder: string;
  logger: Logger;
}): Promise<void> {
  const sql = postgres(opts.url, { max: 1, onnotice: () => {} });
  // One lock for every service: creating the shared journal schema must not race either.
  const lockKey = 'seed:migrate';
  try {
    await sql`select pg_advisory_lock(hashtext(${lockKey}))`;
    await migrate(drizzle(sql), {
      migrationsFolder: opts.migrationsFolder,
      migrationsSchema: 'drizzle',
      migrationsTable: `${opts.schemaName}_migrations`,
    });
    await sql`select pg_advisory_unlock(hashtext(${lockKey}))`;
    opts.logger.info({ schema: opts.schemaName }, 'migrations applied');
  } finally {
    await sql.end({ timeout: 5 });
  }
}
