import { configOrExit, createLogger, runProcess } from '@seed/runtime';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });

await runProcess({
  logger,
  service: 'gateway',
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async () => {
    const app = await createApp(config, logger);
    await app.start();
    return app;
  },
});
