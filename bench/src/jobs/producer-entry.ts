// The jobs scenario's producer: a service writing jobs to its outbox in transactions and running
// the outbox relay beside them, as a product service does.
import { jetstream } from '@nats-io/jetstream';
import {
  connectNats,
  createDatabase,
  createLogger,
  ensureJobStreams,
  migrateDatabase,
  startOutboxRelay,
  writeOutbox,
} from '@seed/runtime';
import { reportReady } from '../lib/child.ts';
import { benchNoopJob, outbox } from './bench-jobs.ts';
import type { Produce, Produced, RelaySwitch, RelaySwitched } from './jobs-protocol.ts';

const env = process.env;
const logger = createLogger({ service: 'bench-producer', level: env.LOG_LEVEL ?? 'warn' });
const jobsPerTransaction = Number(env.BENCH_JOBS_PER_TRANSACTION ?? 10);
const concurrentTransactions = Number(env.BENCH_JOBS_CONCURRENT_TRANSACTIONS ?? 4);
await migrateDatabase({
  url: env.DATABASE_URL!,
  schemaName: 'bench_jobs',
  migrationsFolder: new URL('../../drizzle', import.meta.url).pathname,
  logger,
});
const database = createDatabase({
  url: env.DATABASE_URL!,
  poolSize: 10,
  schema: { outbox },
  appName: env.BENCH_DB_APPLICATION_NAME!,
});
const nc = await connectNats({ url: env.NATS_URL!, name: 'bench-producer', logger });
const js = jetstream(nc);
await ensureJobStreams(js);
const startRelay = () => startOutboxRelay({ sql: database.sql, table: outbox, js, nc, logger });
let relay: Awaited<ReturnType<typeof startRelay>> | undefined = await startRelay();

async function produce(first: number, jobs: number): Promise<Produced> {
  let next = first;
  const end = first + jobs;
  const firstAt = Date.now();
  const writer = async () => {
    while (next < end) {
      const from = next;
      const to = Math.min(end, from + jobsPerTransaction);
      next = to;
      await database.db.transaction(async (tx) => {
        for (let n = from; n < to; n++) await writeOutbox(tx, outbox, benchNoopJob, { n, enqueuedAt: Date.now() });
      });
    }
  };
  await Promise.all(Array.from({ length: concurrentTransactions }, writer));
  return { type: 'produced', firstAt, lastAt: Date.now() };
}

const switched = (running: boolean) => process.send?.({ type: 'relay', running } satisfies RelaySwitched);
process.on('message', async (msg: Produce | RelaySwitch) => {
  if (msg?.type === 'produce') process.send?.(await produce(msg.from, msg.jobs));
  if (msg?.type === 'pause-relay') {
    await relay?.stop();
    relay = undefined;
    switched(false);
  }
  if (msg?.type === 'start-relay') {
    relay ??= await startRelay();
    switched(true);
  }
});
process.once('SIGTERM', async () => {
  await relay?.stop();
  await nc.drain();
  await database.close();
  process.exit(0);
});
reportReady();
