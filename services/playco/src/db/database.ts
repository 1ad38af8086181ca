import type { Database } from '@seed/runtime';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type { schema } from './schema.ts';

export type PlaycoSchema = typeof schema;
export type PlaycoDatabase = Database<PlaycoSchema>;
/** The database or a transaction on it: repositories run on either. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, PlaycoSchema, ExtractTablesWithRelations<PlaycoSchema>>;
