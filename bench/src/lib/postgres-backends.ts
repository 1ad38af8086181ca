import postgres from 'postgres';
import type { CpuSource } from './cpu.ts';

/**
 * The PostgreSQL backend processes serving connections named `applicationName` (or every
 * connection to `database`), as a CPU source (readable where PostgreSQL runs on this machine and
 * /proc allows it).
 */
export function postgresBackends(
  databaseUrl: string,
  of: string | { database: string },
): CpuSource & { close(): Promise<void> } {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return {
    name: 'postgres',
    async pids() {
      const rows =
        typeof of === 'string'
          ? await sql<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${of}`
          : await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${of.database}`;
      return rows.map((r) => r.pid);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
