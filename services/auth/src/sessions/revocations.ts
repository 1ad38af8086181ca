import type { Redis } from 'ioredis';

/** The gateway reads this key (no prefix): a listed session's access tokens are refused. */
export const revokedKey = (sessionId: string): string => `auth:revoked:${sessionId}`;

/** Lists revoked sessions in Redis for as long as their access tokens could still be presented. */
export function createRevocations(redis: Redis, accessTokenTtlSec: number) {
  const ttlMs = (accessTokenTtlSec + 60) * 1000;
  return {
    async add(sessionIds: string[]): Promise<void> {
      if (sessionIds.length === 0) return;
      const multi = redis.multi();
      for (const id of sessionIds) multi.set(revokedKey(id), '1', 'PX', ttlMs);
      await multi.exec();
    },
  };
}
export type Revocations = ReturnType<typeof createRevocations>;
