import { configOrExit, createLogger, runProcess } from '@seed/runtime';
import { createApp, SERVICE_NAME } from './app.ts';
import { loadConfig } from './config.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });

await runProcess({
  logger,
  service: 'worker',
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: () => createApp(config, logger),
});
