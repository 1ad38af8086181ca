import type { Redis } from '@seed/runtime';
import { z } from 'zod';

export const StoredSioToken = z.object({
  userId: z.string(),
  sid: z.string(),
  csrfHash: z.string(),
  expiresAt: z.number(),
});
export type StoredSioToken = z.infer<typeof StoredSioToken>;

export interface SioTokensRepository {
  save(tokenHash: string, token: StoredSioToken, keepMs: number): Promise<void>;
  find(tokenHash: string): Promise<StoredSioToken | undefined>;
}

/** `playco:sio:<sha256 of the token>` → who it was issued to, kept a while past its expiry. */
export function createSioTokensRepository(redis: Redis): SioTokensRepository {
  const key = (hash: string) => `playco:sio:${hash}`;
  return {
    async save(tokenHash, token, keepMs) {
      await redis.set(key(tokenHash), JSON.stringify(token), 'PX', keepMs);
    },
    async find(tokenHash) {
      const raw = await redis.get(key(tokenHash));
      if (!raw) return undefined;
      const parsed = StoredSioToken.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    },
  };
}
