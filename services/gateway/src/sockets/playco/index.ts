import type { SocketModule } from '../socket-module.ts';
import { createPlaycoConnections } from './playco-connections.ts';
import { serveSeedNamespace } from './seed-namespace.ts';
import { servePlaycoSessionEvents } from './session-events.ts';

export interface PlaycoSocketOptions {
  /** How often this replica tells playco its sockets are alive; well under PLAYCO_CONNECTION_TTL_MS. */
  refreshMs?: number;
  /** A `/playco_ws` socket that opens no session within this time is disconnected. */
  seedIdleMs?: number;
}

/**
 * PlayCo's real-time side in the gateway: the seed protocol on `/playco_ws` and the session
 * events of the new API on `/`, both backed by playco's contracts over NATS.
 */
export function playcoSocketModule(opts: PlaycoSocketOptions = {}): SocketModule {
  return {
    name: 'playco',
    attach({ io, nc, logger, replicaId }) {
      const connections = createPlaycoConnections({ nc, logger, replicaId, refreshMs: opts.refreshMs ?? 15_000 });
      connections.start();
      serveSeedNamespace({ io, nc, connections, logger, idleMs: opts.seedIdleMs ?? 120_000 });
      return {
        onConnection: (socket) => servePlaycoSessionEvents(socket, { nc, connections, logger }),
        close: () => connections.stop(),
      };
    },
  };
}
