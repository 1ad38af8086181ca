// The Moleculer baseline's service: `bench.ping` runs the same `select 1` as the bench service.
import { configOrExit, loadConfig } from '@seed/runtime';
import postgres from 'postgres';
import { benchServerConfigSchema } from '../config.ts';
import { reportReady } from '../lib/child.ts';
import { createBroker } from './broker.ts';

const config = configOrExit(() => loadConfig(benchServerConfigSchema));
const sql = postgres(config.DATABASE_URL, {
  max: config.DATABASE_POOL_SIZE,
  connection: { application_name: config.BENCH_DB_APPLICATION_NAME },
  onnotice: () => {},
});
const broker = createBroker('bench-service');
broker.createService({
  name: 'bench',
  actions: {
    async ping() {
      const [row] = await sql<{ value: number }[]>`select 1 as value`;
      return { data: { value: row!.value } };
    },
  },
});
await sql`select 1`;
await broker.start();
reportReady();
process.once('SIGTERM', async () => {
  await broker.stop();
  await sql.end({ timeout: 5 });
  process.exit(0);
});
