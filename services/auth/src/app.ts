import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  connectServiceInfrastructure,
  createIdempotency,
  createLeasedSnowflake,
  createServiceHost,
  DEFAULT_JOBS_TOPOLOGY,
  type JobsTopology,
  type Logger,
  type NatsConnection,
  type OutboxRelay,
  type ReadinessCheck,
  type Redis,
  startOutboxRelay,
} from '@seed/runtime';
import type { AuthConfig } from './config.ts';
import type { AuthDatabase } from './db/database.ts';
import * as schema from './db/schema.ts';
import { createAuthServices, SERVICE_NAME } from './services.ts';
import { createRevocations } from './sessions/revocations.ts';
import { startRevocationsReload } from './sessions/revocations-reload.ts';
import { createSessionsRepository } from './sessions/sessions.repository.ts';
import { type AuthServices, serveAuth } from './transport/nats.handlers.ts';

export { createKeys, SERVICE_NAME } from './services.ts';

export const migrationsFolder = join(import.meta.dirname, '../drizzle');

/** What the app runs on; tests pass their own, `main` lets the app build them from config. */
export interface AuthInfra {
  nc: NatsConnection;
  redis: Redis;
  database: AuthDatabase;
  /** Where enqueued jobs go (tests use a topology of their own). */
  jobsTopology: JobsTopology;
}

export interface AuthApp {
  services: AuthServices;
  infra: AuthInfra;
  outbox: OutboxRelay;
  readiness: Record<string, ReadinessCheck>;
  stop(): Promise<void>;
}

/** Composition root: builds auth on its infrastructure and starts serving NATS. */
export async function createApp(config: AuthConfig, logger: Logger, given?: Partial<AuthInfra>): Promise<AuthApp> {
  const { infra, close: closeClients } = await connectServiceInfrastructure({
    name: SERVICE_NAME,
    schemaName: 'auth',
    migrationsFolder,
    schema,
    config,
    logger,
    ...(given ? { given } : {}),
  });
  const { nc, redis, database } = infra;
  const jobsTopology = given?.jobsTopology ?? { ...DEFAULT_JOBS_TOPOLOGY, subjectPrefix: config.JOBS_SUBJECT_PREFIX };

  const { ids, lease } = await createLeasedSnowflake(redis, logger);
  const services = await createAuthServices(config, { nc, redis, database, jobsTopology, ids });

  const revocationsReload = startRevocationsReload({
    redis,
    sessions: createSessionsRepository(database.db),
    revocations: createRevocations(redis, config.ACCESS_TOKEN_TTL_SEC),
    keyPrefix: config.REDIS_KEY_PREFIX,
    intervalMs: config.REVOCATIONS_CHECK_INTERVAL_MS,
    logger,
  });
  const outbox = await startOutboxRelay({ sql: database.sql, table: schema.outbox, js: jetstream(nc), nc, logger });
  const host = await createServiceHost(nc, {
    name: SERVICE_NAME,
    version: '0.1.0',
    logger,
    idempotency: createIdempotency(redis, { ttlMs: config.IDEMPOTENCY_KEY_TTL_SEC * 1000 }),
  });
  serveAuth(host, services);
  logger.info({ workerId: lease.workerId }, 'auth serving');

  return {
    services,
    infra: { nc, redis, database, jobsTopology },
    readiness: { ids: lease.isValid },
    outbox,
    async stop() {
      await host.stop();
      await revocationsReload.stop();
      await outbox.stop();
      await lease.release();
      await closeClients();
    },
  };
}
