import { type ConnectionProtocol, closeConnection, openConnection, refreshConnections } from '@seed/contracts';
import { type Logger, type NatsConnection, request } from '@seed/runtime';
import type { z } from 'zod';

type Protocol = z.infer<typeof ConnectionProtocol>;

/** Events one socket may send to playco: a burst, then this many per second. */
export const PLAYCO_EVENT_RATE = { capacity: 30, refillPerSecond: 10 };

/**
 * The playco sessions of this replica's sockets. Playco forgets a session its replica stops
 * refreshing (so a dead replica's members leave); this keeps the live ones fresh and hears of the
 * ones playco dropped anyway.
 */
export function createPlaycoConnections(deps: {
  nc: NatsConnection;
  logger: Logger;
  replicaId: string;
  refreshMs: number;
}) {
  const { nc, logger } = deps;
  /** connection id → what to do when playco no longer knows it. */
  const live = new Map<string, () => void>();
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> | undefined;

  async function refresh() {
    if (live.size === 0) return;
    try {
      const { unknown } = await request(nc, refreshConnections, { connectionIds: [...live.keys()] });
      for (const id of unknown) {
        const lapsed = live.get(id);
        live.delete(id);
        lapsed?.();
      }
    } catch (err) {
      logger.warn({ err }, 'playco session refresh failed');
    }
  }

  return {
    /** The session id of a socket: unique across replicas while the socket lives. */
    idOf: (socketId: string) => `${deps.replicaId}:${socketId}`,

    async open(connectionId: string, userId: string, protocol: Protocol, onLapsed: () => void) {
      const opened = await request(nc, openConnection, { connectionId, userId, protocol });
      live.set(connectionId, onLapsed);
      return opened;
    },

    /** The socket is gone: its session leaves every playlist. */
    close(connectionId: string): Promise<void> {
      if (!live.delete(connectionId)) return Promise.resolve();
      return request(nc, closeConnection, { connectionId }).then(
        () => undefined,
        (err) => logger.warn({ err, connectionId }, 'playco session close failed; it will lapse'),
      );
    },

    start() {
      timer = setInterval(() => {
        refreshing ??= refresh().finally(() => {
          refreshing = undefined;
        });
      }, deps.refreshMs);
      timer.unref();
    },

    async stop() {
      clearInterval(timer);
      await refreshing;
      await Promise.all([...live.keys()].map((id) => this.close(id)));
    },
  };
}

export type PlaycoConnections = ReturnType<typeof createPlaycoConnections>;
