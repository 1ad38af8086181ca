import type { Redis } from 'ioredis';
import { presenceKey } from './presence-keys.ts';

export interface PresenceReader {
  /** The users among `userIds` with at least one connected socket on any gateway replica. */
  onlineUsers(userIds: readonly string[]): Promise<Set<string>>;
  /** How many sockets a user has connected across replicas. */
  socketCount(userId: string): Promise<number>;
}

/**
 * Reads what the gateway records (see presence-keys.ts); lapsed members are pruned on the way.
 * `redis` must use the same key prefix as the gateway's client.
 */
export function createPresenceReader(redis: Redis, now: () => number = Date.now): PresenceReader {
  async function counts(userIds: readonly string[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    const at = now();
    const pipeline = redis.pipeline();
    for (const id of userIds) {
      pipeline.zremrangebyscore(presenceKey(id), '-inf', at);
      pipeline.zcard(presenceKey(id));
    }
    const results = (await pipeline.exec()) ?? [];
    return userIds.map((_, i) => {
      const [err, count] = results[i * 2 + 1] ?? [null, 0];
      if (err) throw err;
      return Number(count);
    });
  }

  return {
    async onlineUsers(userIds) {
      const unique = [...new Set(userIds)];
      const n = await counts(unique);
      return new Set(unique.filter((_, i) => (n[i] ?? 0) > 0));
    },
    async socketCount(userId) {
      const [n] = await counts([userId]);
      return n ?? 0;
    },
  };
}
