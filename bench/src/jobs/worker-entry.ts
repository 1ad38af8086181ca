// One of the jobs scenario's worker replicas: the runtime's job consumer with the worker's
// default concurrency and done-records in Redis, running the no-op job and noting each run.
import { jetstream } from '@nats-io/jetstream';
import { connectNats, createLogger, createRedis, createRedisDoneRecords, startJobConsumer } from '@seed/runtime';
import { workerConfigSchema } from '../../../services/worker/src/config.ts';
import { reportReady } from '../lib/child.ts';
import { benchNoopJob } from './bench-jobs.ts';
import type { WorkerCount, WorkerQuery, WorkerRuns } from './jobs-protocol.ts';

const env = process.env;
const logger = createLogger({ service: 'bench-worker', level: env.LOG_LEVEL ?? 'warn' });
const concurrency = workerConfigSchema.shape.WORKER_CONCURRENCY.parse(env.WORKER_CONCURRENCY);
const nc = await connectNats({ url: env.NATS_URL!, name: 'bench-worker', logger });
const redis = createRedis({ url: env.REDIS_URL!, name: 'bench-worker', logger });
const runs: WorkerRuns = { type: 'runs', n: [], enqueuedAt: [], doneAt: [] };
const consumer = await startJobConsumer(
  jetstream(nc),
  benchNoopJob,
  async ({ n, enqueuedAt }) => {
    runs.n.push(n);
    runs.enqueuedAt.push(enqueuedAt);
    runs.doneAt.push(Date.now());
  },
  { done: createRedisDoneRecords(redis), logger, concurrency },
);

process.on('message', (msg: WorkerQuery) => {
  if (msg?.type === 'count') process.send?.({ type: 'count', runs: runs.n.length } satisfies WorkerCount);
  if (msg?.type === 'report') process.send?.(runs);
  if (msg?.type === 'reset') for (const list of [runs.n, runs.enqueuedAt, runs.doneAt]) list.length = 0;
});
process.once('SIGTERM', async () => {
  await consumer.stop();
  await nc.drain();
  await redis.quit();
  process.exit(0);
});
reportReady({});
