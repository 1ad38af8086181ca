// A test service as its own process: `TEST_PREFIX=<prefix> node test-service-main.ts`.
import { connectNats, createLogger, runProcess } from '@seed/runtime';
import { testServers } from '@seed/runtime/testing';
import { startTestService, testContracts } from './test-service.ts';

const prefix = process.env.TEST_PREFIX;
if (!prefix) throw new Error('TEST_PREFIX is required');
const logger = createLogger({ service: 'test-service', level: process.env.LOG_LEVEL ?? 'info' });

await runProcess({
  logger,
  shutdownTimeoutMs: 15_000,
  start: async () => {
    const nc = await connectNats({ url: testServers().natsUrl, name: 'test-service', logger });
    const host = await startTestService(nc, testContracts(prefix), prefix, { logger });
    logger.info({ pid: process.pid }, 'test service ready');
    return {
      async stop() {
        await host.stop();
        await nc.drain();
      },
    };
  },
});
