import type { NatsConnection } from '@nats-io/nats-core';
import type { Redis } from 'ioredis';
import type { baseConfigSchema } from './config.ts';
import { configOrExit, runProcess } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import { startOpsServer } from './ops/ops-server.ts';
import { pingRedis } from './redis.ts';

type BaseConfig = ReturnType<typeof baseConfigSchema.parse>;

/** What a domain service's composition root gives back to its process. */
export interface DomainServiceApp {
  infra: { nc: NatsConnection; redis: Redis; database: { ping(): Promise<boolean> } };
  stop(): Promise<void>;
}

/**
 * The whole `main` of a NATS service that owns a database: config (or exit naming the bad
 * variable), logger, app, ops port with readiness of NATS, Redis and PostgreSQL, and a graceful
 * stop (readiness 503 first, then the app drains).
 */
export async function runDomainService<C extends BaseConfig>(opts: {
  name: string;
  loadConfig: () => C;
  createApp: (config: C, logger: Logger) => Promise<DomainServiceApp>;
}): Promise<void> {
  const config = configOrExit(opts.loadConfig);
  const logger = createLogger({ service: opts.name, level: config.LOG_LEVEL });
  await runProcess({
    logger,
    service: opts.name,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    start: async () => {
      const app = await opts.createApp(config, logger);
      const { nc, redis, database } = app.infra;
      const ops = await startOpsServer({
        port: config.OPS_PORT,
        service: opts.name,
        checks: { nats: () => !nc.isClosed(), redis: () => pingRedis(redis), database: () => database.ping() },
      });
      return {
        async stop() {
          ops.setDraining();
          await app.stop();
          await ops.close();
        },
      };
    },
  });
}
