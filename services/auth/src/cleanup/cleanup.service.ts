import type { Uploads } from '@seed/runtime/uploads';
import type { AvatarsService } from '../avatars/index.ts';
import type { AuthStore } from '../db/store.ts';
import type { KeysService } from '../tokens/index.ts';
import { VERIFY_LINK_TTL_MS } from '../verification/index.ts';

/**
 * Removes what has expired: codes, links, ended sessions, never-verified signups, old keys,
 * uploads never completed and avatars no account shows any more.
 */
export function createCleanupService(deps: {
  store: AuthStore;
  keys: KeysService;
  uploads: Uploads;
  avatars: AvatarsService;
  staleUploadAgeMs: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return {
    async purge() {
      const t = now();
      const dayAgo = new Date(t.getTime() - 24 * 3_600_000);
      return {
        phoneVerifications: await deps.store.phoneVerifications.purge(t),
        emailTokens: await deps.store.emailTokens.purge(t),
        sessions: await deps.store.sessions.purge(t, dayAgo),
        unverifiedAccounts: await deps.store.users.deleteUnverifiedBefore(new Date(t.getTime() - VERIFY_LINK_TTL_MS)),
        signingKeys: await deps.keys.purgeExpired(),
        uploads: await deps.uploads.removeStale(deps.staleUploadAgeMs),
        avatars: await deps.avatars.removeUnused(deps.staleUploadAgeMs),
      };
    },
  };
}
export type CleanupService = ReturnType<typeof createCleanupService>;
