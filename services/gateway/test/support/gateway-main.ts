// The gateway process with the test registry: `TEST_PREFIX=<prefix> node gateway-main.ts`.
import { configOrExit, createLogger, runProcess } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { testContracts, testRegistry } from './test-service.ts';

const prefix = process.env.TEST_PREFIX;
if (!prefix) throw new Error('TEST_PREFIX is required');
const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const contracts = testContracts(prefix);

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async () => {
    const app = await createApp(
      config,
      { logger },
      { registry: testRegistry(contracts), jwksContract: contracts.jwks, sockets: { deliveryQueue: uniqueName('gw') } },
    );
    await app.start();
    return app;
  },
});
