// Auth as the login storm runs it: its own createApp and config, reporting readiness and its
// event-loop delay to the bench over IPC.
import { configOrExit, createLogger, runProcess } from '@seed/runtime';
import { createApp, SERVICE_NAME } from '../../../services/auth/src/app.ts';
import { loadConfig } from '../../../services/auth/src/config.ts';
import { reportReady } from '../lib/child.ts';
import { serveLoopDelay } from '../lib/loop-delay.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const app = await createApp(config, logger);
    serveLoopDelay();
    reportReady();
    return app;
  },
});
