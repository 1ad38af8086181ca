import { type Logger, presenceKey, presenceMember, type Redis } from '@seed/runtime';

export interface PresenceOptions {
  replicaId: string;
  /** How long a socket counts as connected without a refresh (a dead replica's sockets lapse after it). */
  ttlMs: number;
  /** How often this replica refreshes its sockets; well under `ttlMs`. */
  refreshMs: number;
}

/** Where a connection that makes its user online is reported: any protocol, any namespace. */
export interface PresenceRecorder {
  /** `connectionId` is unique on this replica while the connection lives (a socket id). */
  connected(connectionId: string, userId: string): void;
  disconnected(connectionId: string): void;
}

/**
 * Records this replica's connected sockets in Redis (format in @seed/runtime presence-keys) and
 * keeps them fresh, so any process can tell which users are online on any replica.
 */
export function createPresenceTracker(deps: { redis: Redis; logger: Logger; options: PresenceOptions }) {
  const { redis, logger, options } = deps;
  const sockets = new Map<string, string>(); // socket id → user id
  const writes = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;

  function track(write: Promise<unknown>, what: string) {
    const p = write.catch((err: Error) => logger.warn({ err: err.message }, `presence ${what} failed`));
    writes.add(p);
    void p.finally(() => writes.delete(p));
  }

  function record(entries: Iterable<[string, string]>) {
    const expiresAt = Date.now() + options.ttlMs;
    const pipeline = redis.pipeline();
    for (const [socketId, userId] of entries) {
      const key = presenceKey(userId);
      pipeline.zadd(key, expiresAt, presenceMember(options.replicaId, socketId));
      // Every write carries the latest expiry, so the key outlives its members and no longer.
      pipeline.pexpire(key, options.ttlMs);
    }
    return pipeline.length > 0 ? pipeline.exec() : Promise.resolve();
  }

  function forget(entries: Iterable<[string, string]>) {
    const pipeline = redis.pipeline();
    for (const [socketId, userId] of entries)
      pipeline.zrem(presenceKey(userId), presenceMember(options.replicaId, socketId));
    return pipeline.length > 0 ? pipeline.exec() : Promise.resolve();
  }

  const tracker = {
    connected(socketId: string, userId: string) {
      sockets.set(socketId, userId);
      track(record([[socketId, userId]]), 'record');
    },
    disconnected(socketId: string) {
      const userId = sockets.get(socketId);
      if (userId === undefined) return;
      sockets.delete(socketId);
      track(forget([[socketId, userId]]), 'removal');
    },
    start() {
      timer = setInterval(() => track(record(sockets), 'refresh'), options.refreshMs);
      timer.unref();
    },
    /** Stops refreshing and removes every socket this replica still holds. */
    async stop() {
      clearInterval(timer);
      track(forget(sockets), 'removal');
      sockets.clear();
      await Promise.all(writes);
    },
  };
  return tracker satisfies PresenceRecorder;
}

export type PresenceTracker = ReturnType<typeof createPresenceTracker>;
