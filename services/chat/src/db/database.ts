import type { Database } from '@seed/runtime';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type { chatSchema } from './schema.ts';

export type ChatSchema = typeof chatSchema;
export type ChatDatabase = Database<ChatSchema>;
/** The database or a transaction on it: repositories run on either. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, ChatSchema, ExtractTablesWithRelations<ChatSchema>>;
