// The gateway as a test runs it in a child process: `TESTKIT_GATEWAY` holds its options as JSON.
import type { Registry } from '@seed/contracts';
import { createApp } from '@seed/gateway';
import { loadConfig } from '@seed/gateway/config';
import { configOrExit, createLogger, createRedis, runProcess } from '@seed/runtime';

const setup = JSON.parse(process.env.TESTKIT_GATEWAY ?? '{}');
const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const registry: Registry | undefined = setup.registryModule ? (await import(setup.registryModule)).registry : undefined;

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async () => {
    const redis = createRedis({
      url: config.REDIS_URL,
      name: 'gateway',
      logger,
      keyPrefix: setup.redisPrefix,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    });
    const app = await createApp(config, logger, {
      redis,
      ...(registry ? { registry } : {}),
      sockets: { replicaId: setup.replicaId, ...setup.sockets },
      ...(setup.playco ? { playco: setup.playco } : {}),
      ...(setup.legacy ? { legacy: setup.legacy } : {}),
    });
    const { port } = await app.start();
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
    return {
      async stop() {
        await app.stop();
        await redis.quit();
      },
    };
  },
});
