// The test service as its own process, on `NATS_URL`: `node test-service-main.ts`.
import { connectNats, createLogger, runProcess } from '@seed/runtime';
import { serveTestContracts } from './test-service.ts';

const logger = createLogger({ service: 'test-service', level: process.env.LOG_LEVEL ?? 'info' });

await runProcess({
  logger,
  shutdownTimeoutMs: 15_000,
  start: async () => {
    const nc = await connectNats({ url: process.env.NATS_URL ?? '', name: 'test-service', logger });
    const host = await serveTestContracts(nc, { logger });
    logger.info({ pid: process.pid }, 'test service ready');
    return {
      async stop() {
        await host.stop();
        await nc.drain();
      },
    };
  },
});
