import { jetstream } from '@nats-io/jetstream';
import { isServiceCleanup, type JobContract, registry, type ServiceCleanupContract } from '@seed/contracts';
import {
  connectBaseInfrastructure,
  createJobMetrics,
  createRedisDoneRecords,
  createServiceHost,
  ensureJobStreams,
  type JobConsumer,
  type JobHandler,
  jobConsumerName,
  type Logger,
  type NatsConnection,
  type OpsServer,
  observeJobStreams,
  pingRedis,
  type Redis,
  type Running,
  startJobConsumer,
  startOpsServer,
} from '@seed/runtime';
import pkg from '../package.json' with { type: 'json' };
import { jobsTopology, type WorkerConfig } from './config.ts';
import { createMessagingDrivers, createPushDriver } from './drivers/index.ts';
import { serveJobsHandlers } from './jobs/index.ts';
import { serveMailboxHandlers, withDevMailbox } from './mailbox/index.ts';
import { cleanupSchedule, startScheduler } from './scheduler/index.ts';

export const SERVICE_NAME = 'worker';

/** What the worker runs on; tests pass their own, `main` lets the app build them from config. */
export interface WorkerInfra {
  nc: NatsConnection;
  redis: Redis;
  /** The services' cleanups `jobs.cleanup.run` calls; those in the registry by default. */
  cleanups: readonly ServiceCleanupContract[];
}

export interface WorkerApp extends Running {
  ops: OpsServer;
  consumers: readonly JobConsumer[];
}

/**
 * The worker: ensures the job streams, runs a consumer for every registry job it has a handler
 * for, schedules the periodic jobs, and serves /healthz, /readyz and /metrics.
 */
export async function createApp(
  config: WorkerConfig,
  logger: Logger,
  given: Partial<WorkerInfra> = {},
): Promise<WorkerApp> {
  const { drivers, mailbox } = withDevMailbox(config, {
    ...createMessagingDrivers(config, logger),
    push: createPushDriver(config, logger),
  });
  const clients = await connectBaseInfrastructure({ name: SERVICE_NAME, config, logger, given });
  const { nc, redis } = clients.infra;
  const js = jetstream(nc);
  const topology = jobsTopology(config);
  await ensureJobStreams(js, topology, { dlqMaxAgeMs: config.JOBS_DLQ_MAX_AGE_MS });

  const ops = await startOpsServer({
    port: config.OPS_PORT,
    service: SERVICE_NAME,
    checks: { nats: () => !nc.isClosed(), redis: () => pingRedis(redis) },
  });
  const observer = createJobMetrics(ops.registry);
  const done = createRedisDoneRecords(redis, { ttlMs: config.JOBS_DONE_TTL_MS });
  const cleanups = given.cleanups ?? registry.requests.filter(isServiceCleanup);
  const handlers = new Map<string, JobHandler<JobContract>>();
  serveJobsHandlers(
    { serve: (contract, handler) => void handlers.set(contract.subject, handler as JobHandler<JobContract>) },
    { nc, cleanups, ...drivers },
  );
  const consumers: JobConsumer[] = [];
  for (const contract of registry.jobs) {
    const handler = handlers.get(contract.subject);
    if (!handler) continue;
    consumers.push(
      await startJobConsumer(js, contract, handler, {
        done,
        logger,
        topology,
        observer,
        concurrency: config.WORKER_CONCURRENCY,
        // Leave time to drain NATS before the process's own shutdown deadline.
        stopGraceMs: Math.max(1_000, config.SHUTDOWN_TIMEOUT_MS - 3_000),
      }),
    );
  }
  const unobserve = observeJobStreams(ops.registry, { js, topology, consumers: consumers.map(jobConsumerName) });
  const host = await createServiceHost(nc, { name: SERVICE_NAME, version: pkg.version, logger });
  if (mailbox) serveMailboxHandlers(host, mailbox);
  const scheduler = startScheduler({
    logger,
    schedules: [cleanupSchedule(js, topology, config.CLEANUP_INTERVAL_MS)],
  });
  logger.info({ jobs: consumers.map((c) => c.subject), opsPort: ops.port(), mailbox: !!mailbox }, 'worker started');

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    ops.setDraining();
    await host.stop();
    unobserve();
    scheduler.stop();
    await Promise.all(consumers.map((c) => c.stop()));
    drivers.email.close();
    await ops.close();
    await clients.close();
  };
  return {
    ops,
    consumers,
    stop: () => (stopping ??= stop()),
  };
}
