import { sessionRevoked } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import { type GatewayServer, sessionSocketRoom } from './socket-data.ts';

/**
 * Ends the sockets of a session auth revoked (logout, reuse, password reset…) on every replica,
 * so they stop receiving before their token would have expired. One replica handles each event.
 */
export function disconnectRevokedSessions(deps: {
  io: GatewayServer;
  nc: NatsConnection;
  queue: string;
  logger: Logger;
}): ReturnType<typeof subscribeEvent> {
  return subscribeEvent(
    deps.nc,
    sessionRevoked,
    ({ userId, sessionId, reason }) => {
      deps.logger.info({ userId, sessionId, reason }, 'disconnecting sockets of a revoked session');
      deps.io.in(sessionSocketRoom(sessionId)).disconnectSockets(true);
    },
    { queue: deps.queue, logger: deps.logger },
  );
}
