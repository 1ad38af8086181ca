import type { Redis } from 'ioredis';

/** The gateway reads this key (no prefix): a listed session's access tokens are refused. */
export const revokedKey = (sessionId: string): string => `auth:revoked:${sessionId}`;

/**
 * Lists revoked sessions in Redis for as long as their access tokens could still be presented.
 * PostgreSQL keeps the record (`auth.sessions.revoked_at`); Redis is the copy the gateway reads.
 */
export function createRevocations(redis: Redis, accessTokenTtlSec: number, opts: { keyPrefix?: string } = {}) {
  const ttlMs = (accessTokenTtlSec + 60) * 1000;
  // Written after each load from PostgreSQL: gone means Redis lost the list (a flush, a restart).
  const loadedKey = `${opts.keyPrefix ?? ''}auth:revocations:loaded`;
  return {
    /** How long a revocation must stay listed after it happened. */
    ttlMs,
    async add(sessionIds: string[]): Promise<void> {
      if (sessionIds.length === 0) return;
      const multi = redis.multi();
      for (const id of sessionIds) multi.set(revokedKey(id), '1', 'PX', ttlMs);
      await multi.exec();
    },
    /** Lists again sessions revoked at the given times, each until its tokens expire. */
    async restore(revoked: { id: string; revokedAt: Date }[], now = Date.now()): Promise<number> {
      const live = revoked
        .map((r) => ({ id: r.id, leftMs: r.revokedAt.getTime() + ttlMs - now }))
        .filter((r) => r.leftMs > 0);
      for (let i = 0; i < live.length; i += 500) {
        const multi = redis.multi();
        for (const r of live.slice(i, i + 500)) multi.set(revokedKey(r.id), '1', 'PX', r.leftMs);
        await multi.exec();
      }
      return live.length;
    },
    /** Whether the list was loaded from PostgreSQL since Redis last lost its data. */
    async loaded(): Promise<boolean> {
      return (await redis.exists(loadedKey)) === 1;
    },
    async markLoaded(at: number): Promise<void> {
      await redis.set(loadedKey, String(at));
    },
  };
}
export type Revocations = ReturnType<typeof createRevocations>;
