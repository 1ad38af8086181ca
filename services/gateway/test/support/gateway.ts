import { createLogger, type Logger, type NatsConnection, type Redis } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { createApp, type GatewayApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type TestContracts, testRegistry } from './test-service.ts';

export interface TestGateway {
  baseUrl: string;
  port: number;
  app: GatewayApp;
  stop(): Promise<void>;
}

/**
 * A gateway in this process on a free loopback port, serving the test registry. `nc` and `redis`
 * stay the caller's to close; `env` overrides config (e.g. RATE_LIMIT_MAX).
 */
export async function startTestGateway(opts: {
  nc: NatsConnection;
  redis: Redis;
  contracts: TestContracts;
  env?: Record<string, string>;
  logger?: Logger;
}): Promise<TestGateway> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...opts.env });
  const logger = opts.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const app = await createApp(
    config,
    { nc: opts.nc, redis: opts.redis, logger },
    {
      registry: testRegistry(opts.contracts),
      jwksContract: opts.contracts.jwks,
      sockets: { deliveryQueue: uniqueName('gw') },
    },
  );
  const { port } = await app.start();
  return { baseUrl: `http://127.0.0.1:${port}`, port, app, stop: () => app.stop() };
}
