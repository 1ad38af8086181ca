import type { SocketModule } from '../../sockets/index.ts';
import { createPlaycoConnections } from '../../sockets/index.ts';
import { showSessionsOnLegacyPlayco } from './playco-events.ts';
import { serveLegacyPlaycoNamespace } from './playco-namespace.ts';

export interface LegacyPlaycoOptions {
  /** How often this replica tells playco its sockets are alive; well under PLAYCO_CONNECTION_TTL_MS. */
  refreshMs?: number;
  /** A `/playco_ws` socket that opens no session within this time is disconnected. */
  idleMs?: number;
}

/** PlayCo's legacy protocol on `/playco_ws` (SPEC §3), backed by playco's contracts and domain events. */
export function legacyPlaycoSocketModule(opts: LegacyPlaycoOptions = {}): SocketModule {
  return {
    name: 'legacy-playco',
    attach({ io, nc, logger, replicaId, events }) {
      const connections = createPlaycoConnections({ nc, logger, replicaId, refreshMs: opts.refreshMs ?? 15_000 });
      connections.start();
      const sessions = serveLegacyPlaycoNamespace({ io, nc, connections, logger, idleMs: opts.idleMs ?? 120_000 });
      showSessionsOnLegacyPlayco({ io, events, sessions });
      return { close: () => connections.stop() };
    },
  };
}
