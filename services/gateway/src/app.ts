import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  registry as contractsRegistry,
  type getJwks,
  LEGACY_MUDEV_PREFIX,
  LEGACY_REWIND_PREFIX,
  type Registry,
} from '@seed/contracts';
import {
  type BaseInfrastructure,
  connectBaseInfrastructure,
  type Logger,
  type OpsServer,
  startOpsServer,
} from '@seed/runtime';
import pkg from '../package.json' with { type: 'json' };
import { createTokenVerifier, type TokenVerifier } from './auth/index.ts';
import { docsEnabled, type GatewayConfig } from './config.ts';
import { consoleRoutes, devMailboxRoutes } from './dev/index.ts';
import { localFileRoutes } from './files/index.ts';
import {
  apiDocs,
  contractRoutes,
  createHttpServer,
  drainConnections,
  type GatewayFastify,
  healthRoutes,
  readinessChecks,
  watchHttpActivity,
} from './http/index.ts';
import { legacyMudevRoutes, legacyRewindRoutes } from './legacy/index.ts';
import { attachRealtime, type Realtime, type RealtimeOptions } from './realtime/index.ts';

export interface AppOptions extends RealtimeOptions {
  /** Contracts to serve; tests add their own. */
  registry?: Registry;
  /** Where auth's keys are served; tests use a subject of their own. */
  jwksContract?: typeof getJwks;
}

export const SERVICE_NAME = 'gateway';

/** What the gateway runs on; tests pass their own, `main` lets the app build them from config. */
export type GatewayInfra = BaseInfrastructure;

export type { GatewayFastify };

export interface GatewayApp {
  fastify: GatewayFastify;
  verifier: TokenVerifier;
  /** Listens on PORT (0 picks a free port) with the socket server attached. */
  start(): Promise<{ port: number }>;
  /** Readiness turns 503, the listener closes after in-flight requests, sockets close, clients drain. */
  stop(): Promise<void>;
}

/** The gateway: HTTP routes and sockets generated from the contracts, forwarding over NATS. */
export async function createApp(
  config: GatewayConfig,
  logger: Logger,
  given: Partial<GatewayInfra> & AppOptions = {},
): Promise<GatewayApp> {
  const clients = await connectBaseInfrastructure({ name: SERVICE_NAME, config, logger, given });
  const { nc, redis } = clients.infra;
  const registry = given.registry ?? contractsRegistry;
  const checks = readinessChecks({ nc, redis });
  const verifier = createTokenVerifier({
    nc,
    redis,
    logger,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    algorithms: config.JWT_ALGORITHMS,
    ...(given.jwksContract ? { jwksContract: given.jwksContract } : {}),
  });
  let draining = false;
  let realtime: Realtime | undefined;
  let ops: OpsServer | undefined;

  const fastify = await createHttpServer(config, logger, redis);
  if (docsEnabled(config)) await fastify.register(apiDocs, { version: pkg.version, registry });
  await fastify.register(healthRoutes, { checks, draining: () => draining });
  await fastify.register(contractRoutes, { registry, nc, verifier, timeoutMs: config.REQUEST_TIMEOUT_MS });
  await fastify.register(localFileRoutes, { nc, redis, logger });
  const legacyDeps = { nc, verifier, timeoutMs: config.REQUEST_TIMEOUT_MS };
  await fastify.register(legacyMudevRoutes, { prefix: LEGACY_MUDEV_PREFIX, ...legacyDeps });
  await fastify.register(legacyRewindRoutes, { prefix: LEGACY_REWIND_PREFIX, ...legacyDeps });
  if (config.NODE_ENV !== 'production') {
    await fastify.register(devMailboxRoutes, { nc });
    await fastify.register(consoleRoutes, { dir: config.CONSOLE_DIR });
  }
  // Open websockets, or keep-alive connections of requests that finish while closing, would keep
  // the listener from closing.
  fastify.addHook('preClose', async () => {
    await realtime?.close();
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  const activity = watchHttpActivity(fastify.server);

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    draining = true;
    ops?.setDraining();
    if (config.DRAIN_DELAY_MS > 0) await sleep(config.DRAIN_DELAY_MS);
    await realtime?.close();
    await drainConnections(fastify.server, activity, { quietMs: 500, maxMs: config.SHUTDOWN_TIMEOUT_MS / 2 });
    await fastify.close();
    await ops?.close();
    // Only the clients built here: those given are their owner's to close.
    await clients.close();
    logger.info('gateway stopped');
  };

  return {
    fastify,
    verifier,
    async start() {
      await fastify.ready();
      realtime = await attachRealtime({
        server: fastify.server,
        nc,
        redis,
        verifier,
        registry,
        logger,
        corsOrigins: config.CORS_ORIGINS,
        options: given,
      });
      await fastify.listen({ port: config.PORT, host: config.HOST });
      if (config.OPS_PORT > 0) ops = await startOpsServer({ port: config.OPS_PORT, service: 'gateway', checks });
      const { port } = fastify.server.address() as AddressInfo;
      logger.info({ port, opsPort: ops?.port() }, 'gateway listening');
      return { port };
    },
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
