import type { SocketModule } from '../socket-module.ts';
import { createPlaycoConnections } from './playco-connections.ts';
import { servePlaycoSessionEvents } from './session-events.ts';

export { createPlaycoConnections, PLAYCO_EVENT_RATE, type PlaycoConnections } from './playco-connections.ts';

export interface PlaycoSocketOptions {
  /** How often this replica tells playco its sockets are alive; well under PLAYCO_CONNECTION_TTL_MS. */
  refreshMs?: number;
}

/**
 * PlayCo's session events of the new API on `/` (`playco:session:*`, `playco:playback:control`),
 * backed by playco's contracts over NATS; what happens in a session reaches the sockets as
 * playco's domain events (see domain-event-views.ts).
 */
export function playcoSocketModule(opts: PlaycoSocketOptions = {}): SocketModule {
  return {
    name: 'playco',
    attach({ nc, logger, replicaId }) {
      const connections = createPlaycoConnections({ nc, logger, replicaId, refreshMs: opts.refreshMs ?? 15_000 });
      connections.start();
      return {
        onConnection: (socket) => servePlaycoSessionEvents(socket, { nc, connections, logger }),
        close: () => connections.stop(),
      };
    },
  };
}
