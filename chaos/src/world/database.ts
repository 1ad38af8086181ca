import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ChaosDatabase {
  url: string;
  /** A connection for counting what the cluster stored. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * A database of the run's own on the given PostgreSQL (the services migrate it as they start), so
 * the run's data never meets anyone else's; dropped at the end.
 */
export async function createChaosDatabase(adminUrl: string): Promise<ChaosDatabase> {
  const name = `seed_chaos_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
