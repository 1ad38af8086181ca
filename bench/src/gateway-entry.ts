// The product's gateway as the bench runs it: its own createApp and config, serving the product
// registry plus the bench contract (so nothing bench-only ships in the gateway), with the cuts
// BENCH_GATEWAY_CUTS names (see gateway-cuts.ts).
import { configOrExit, createLogger, runProcess } from '@seed/runtime';
import { createApp } from '../../services/gateway/src/app.ts';
import { loadConfig } from '../../services/gateway/src/config.ts';
import { benchRegistry } from './bench.contract.ts';
import { applyGatewayCuts, parseGatewayCuts } from './gateway-cuts.ts';
import { reportReady } from './lib/child.ts';
import { serveLoopDelay } from './lib/loop-delay.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const redis = applyGatewayCuts(parseGatewayCuts(process.env.BENCH_GATEWAY_CUTS), config.REDIS_URL);

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const app = await createApp(config, logger, { registry: benchRegistry, ...(redis ? { redis } : {}) });
    const { port } = await app.start();
    serveLoopDelay();
    reportReady({ port });
    return {
      async stop() {
        await app.stop();
        await redis?.quit();
      },
    };
  },
});
