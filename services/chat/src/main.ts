import { configOrExit, createLogger, pingRedis, runProcess, startOpsServer } from '@seed/runtime';
import { createApp, SERVICE_NAME } from './app.ts';
import { loadConfig } from './config.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async () => {
    const app = await createApp(config, logger);
    const { nc, redis, database } = app.infra;
    const ops = await startOpsServer({
      port: config.OPS_PORT,
      service: SERVICE_NAME,
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
