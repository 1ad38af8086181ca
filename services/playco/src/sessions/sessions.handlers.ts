import {
  closeConnection,
  joinSession,
  leaveSession,
  openConnection,
  refreshConnections,
  setSessionStatus,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { SessionsService } from './sessions.service.ts';

/** Binds the session contracts (the gateway's connections, joins, leaves, statuses) to the sessions service. */
export function serveSessionsHandlers(host: ServiceHost, sessions: SessionsService): void {
  host.serve(openConnection, (input) => sessions.open(input));
  host.serve(closeConnection, async ({ connectionId }) => ({ closed: await sessions.close(connectionId) }));
  host.serve(refreshConnections, async ({ connectionIds }) => ({ unknown: await sessions.refresh(connectionIds) }));
  host.serve(joinSession, (input) => sessions.join(input));
  host.serve(leaveSession, (input) => sessions.leave(input));
  host.serve(setSessionStatus, (input) => sessions.setStatus(input));
}
