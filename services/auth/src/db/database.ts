import type { Database } from '@seed/runtime';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type * as schema from './schema.ts';

export type AuthSchema = typeof schema;
export type AuthDatabase = Database<AuthSchema>;
/** The database or a transaction on it: repositories run on either. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, AuthSchema, ExtractTablesWithRelations<AuthSchema>>;

/** True when a failed insert or update referred to a row that is not there. */
export function violatedForeignKey(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23503') return true;
  return false;
}

/** The unique index a failed insert or update ran into, if that is why it failed. */
export function violatedConstraint(err: unknown): string | undefined {
  for (
    let e = err as { code?: string; constraint_name?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  )
    if (e.code === '23505') return e.constraint_name ?? '';
  return undefined;
}
