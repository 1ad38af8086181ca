import { jetstream } from '@nats-io/jetstream';
import { isServiceCleanup, registry, type ServiceCleanupContract } from '@seed/contracts';
import {
  connectNats,
  createJobMetrics,
  createLogger,
  createRedis,
  createRedisDoneStore,
  ensureJobStreams,
  isDisconnected,
  type JobConsumer,
  jobConsumerName,
  type Logger,
  type NatsConnection,
  natsConnectOptions,
  type OpsServer,
  observeJobStreams,
  pingRedis,
  type Redis,
  type Running,
  redisReady,
  startJobConsumer,
  startOpsServer,
} from '@seed/runtime';
import pkg from '../package.json' with { type: 'json' };
import { jobsTopology, type WorkerConfig } from './config.ts';
import { createMessagingDrivers } from './drivers/messaging-drivers.ts';
import { createPushDriver } from './drivers/push-driver.ts';
import { jobBindings } from './jobs/job-handlers.ts';
import { serveMailbox, withDevMailbox } from './mailbox/dev-mailbox.ts';
import { cleanupSchedule } from './scheduler/cleanup.schedule.ts';
import { startScheduler } from './scheduler/scheduler.ts';

/** What a caller (a test) may supply; the app closes only the clients it opened itself. */
export interface WorkerInfra {
  logger?: Logger;
  nc?: NatsConnection;
  redis?: Redis;
  /** The services' cleanups `jobs.cleanup.run` calls; those in the registry by default. */
  cleanups?: readonly ServiceCleanupContract[];
}

export interface WorkerApp extends Running {
  ops: OpsServer;
  consumers: readonly JobConsumer[];
}

/**
 * The worker: ensures the job streams, runs a consumer for every registry job it has a handler
 * for, schedules the periodic jobs, and serves /healthz, /readyz and /metrics.
 */
export async function createApp(config: WorkerConfig, infra: WorkerInfra = {}): Promise<WorkerApp> {
  const logger = infra.logger ?? createLogger({ service: 'worker', level: config.LOG_LEVEL });
  const { drivers, mailbox } = withDevMailbox(config, {
    ...createMessagingDrivers(config, logger),
    push: createPushDriver(config, logger),
  });
  const nc = infra.nc ?? (await connectNats({ ...natsConnectOptions(config), name: 'worker', logger }));
  const mailboxHost = mailbox ? await serveMailbox(nc, mailbox, { version: pkg.version, logger }) : undefined;
  const redis =
    infra.redis ??
    createRedis({ url: config.REDIS_URL, name: 'worker', logger, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  if (!infra.redis) {
    try {
      await redisReady(redis, { url: config.REDIS_URL, timeoutMs: config.STARTUP_TIMEOUT_MS });
    } catch (err) {
      if (!infra.nc) await nc.close();
      throw err;
    }
  }
  const js = jetstream(nc);
  const topology = jobsTopology(config);
  await ensureJobStreams(js, topology, { dlqMaxAgeMs: config.JOBS_DLQ_MAX_AGE_MS });

  const ops = await startOpsServer({
    port: config.OPS_PORT,
    service: 'worker',
    checks: { nats: () => !nc.isClosed() && !isDisconnected(nc), redis: () => pingRedis(redis) },
  });
  const observer = createJobMetrics(ops.registry);
  const done = createRedisDoneStore(redis, { ttlMs: config.JOBS_DONE_TTL_MS });
  const cleanups = infra.cleanups ?? registry.requests.filter(isServiceCleanup);
  const bindings = new Map(jobBindings({ nc, cleanups, ...drivers }).map((b) => [b.contract.subject, b]));
  const consumers: JobConsumer[] = [];
  for (const contract of registry.jobs) {
    const binding = bindings.get(contract.subject);
    if (!binding) continue;
    consumers.push(
      await startJobConsumer(js, contract, binding.handler, {
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
  const scheduler = startScheduler({
    logger,
    schedules: [cleanupSchedule(js, topology, config.CLEANUP_INTERVAL_MS)],
  });
  logger.info({ jobs: consumers.map((c) => c.subject), opsPort: ops.port(), mailbox: !!mailbox }, 'worker started');

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    ops.setDraining();
    unobserve();
    scheduler.stop();
    await Promise.all(consumers.map((c) => c.stop()));
    await mailboxHost?.stop();
    drivers.email.close();
    await ops.close();
    if (!infra.nc) await nc.drain();
    if (!infra.redis) await redis.quit();
  };
  return {
    ops,
    consumers,
    stop: () => (stopping ??= stop()),
  };
}
