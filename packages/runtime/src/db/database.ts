import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { instrumentSql } from './instrumented-sql.ts';

export type Sql = postgres.Sql;

export interface Database<TSchema extends Record<string, unknown>> {
  sql: Sql;
  db: PostgresJsDatabase<TSchema>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A postgres.js pool behind drizzle; `schema` is the service's drizzle tables. */
export function createDatabase<TSchema extends Record<string, unknown>>(opts: {
  url: string;
  poolSize: number;
  schema: TSchema;
  appName: string;
}): Database<TSchema> {
  const sql = instrumentSql(
    postgres(opts.url, {
      max: opts.poolSize,
      connection: { application_name: opts.appName },
      onnotice: () => {},
    }),
    { pool: opts.appName, size: opts.poolSize },
  );
  return {
    sql,
    db: drizzle(sql, { schema: opts.schema }),
    async ping() {
      try {
        await sql`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
