import type { Server as HttpServer } from 'node:http';
import type { Registry } from '@seed/contracts';
import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import type { TokenVerifier } from '../auth/index.ts';
import { createDomainEvents } from '../events/index.ts';
import {
  attachLegacyRewind,
  type LegacyPlaycoOptions,
  type LegacyRewindOptions,
  type LegacyRoomsOptions,
  legacyPlaycoSocketModule,
  legacyRoomsSocketModule,
} from '../legacy/index.ts';
import {
  attachSocketServer,
  type PlaycoSocketOptions,
  playcoSocketModule,
  type SocketServerConfig,
} from '../sockets/index.ts';

export interface RealtimeOptions {
  /** Socket server settings beyond those taken from config (tests use their own delivery queue). */
  sockets?: SocketServerConfig;
  /** PlayCo's sessions (tests refresh them more often). */
  playco?: PlaycoSocketOptions;
  /** The legacy protocols (tests shorten REWIND's heartbeat). */
  legacy?: {
    rewind?: LegacyRewindOptions;
    rooms?: LegacyRoomsOptions;
    playco?: Omit<LegacyPlaycoOptions, 'refreshMs'>;
  };
}

/**
 * Every real-time client of the gateway on its HTTP server: Socket.IO at `/api/v1/ws` (the new API
 * on `/`, the legacy `/rooms` and `/playco_ws` namespaces) and REWIND's legacy WebSocket at `/ws`,
 * all fed by one subscription per domain event.
 */
export async function attachRealtime(deps: {
  server: HttpServer;
  nc: NatsConnection;
  redis: Redis;
  verifier: TokenVerifier;
  registry: Registry;
  logger: Logger;
  corsOrigins: string[];
  options: RealtimeOptions;
}) {
  const { nc, verifier, logger, options } = deps;
  const legacy = options.legacy ?? {};
  const events = createDomainEvents({ nc, logger });
  const sockets = await attachSocketServer({
    httpServer: deps.server,
    nc,
    redis: deps.redis,
    verifier,
    registry: deps.registry,
    logger,
    events,
    config: {
      corsOrigins: deps.corsOrigins,
      modules: [
        playcoSocketModule(options.playco),
        legacyPlaycoSocketModule({ ...options.playco, ...legacy.playco }),
        legacyRoomsSocketModule({ verifier, ...legacy.rooms }),
      ],
      ...options.sockets,
    },
  });
  const rewind = attachLegacyRewind({
    server: deps.server,
    nc,
    verifier,
    logger,
    presence: sockets.presence,
    events,
    ...legacy.rewind,
  });
  let closing: Promise<void> | undefined;
  return {
    /** Stops hearing events, then drops every connection (clients reconnect to another replica). */
    close() {
      closing ??= (async () => {
        await events.close();
        await rewind.close();
        await sockets.close();
      })();
      return closing;
    },
  };
}

export type Realtime = Awaited<ReturnType<typeof attachRealtime>>;
