import { type ChatUser, findUser, getUsers } from '@seed/contracts';
import { type NatsConnection, request } from '@seed/runtime';

/** Who users are, as chat shows them; auth is the authority. */
export interface UserDirectory {
  /** The users among `ids` that exist (deleted and unknown ids are left out). */
  getMany(ids: readonly string[]): Promise<Map<string, ChatUser>>;
  findByNickname(nickname: string): Promise<ChatUser | undefined>;
}

const BATCH = 500;

/**
 * Asks auth over NATS, keeping answers for `ttlMs` so a busy room does not ask for its authors on
 * every message (a renamed user shows the new name after at most that long).
 */
export function createUserDirectory(deps: { nc: NatsConnection; ttlMs?: number; maxEntries?: number }): UserDirectory {
  const ttlMs = deps.ttlMs ?? 30_000;
  const maxEntries = deps.maxEntries ?? 50_000;
  const cache = new Map<string, { user: ChatUser; until: number }>();

  function remember(user: ChatUser) {
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(user.id, { user, until: Date.now() + ttlMs });
  }

  return {
    async getMany(ids) {
      const found = new Map<string, ChatUser>();
      const missing: string[] = [];
      const now = Date.now();
      for (const id of new Set(ids)) {
        const hit = cache.get(id);
        if (hit && hit.until > now) found.set(id, hit.user);
        else missing.push(id);
      }
      for (let i = 0; i < missing.length; i += BATCH) {
        const { users } = await request(deps.nc, getUsers, { ids: missing.slice(i, i + BATCH) });
        for (const user of users) {
          remember(user);
          found.set(user.id, user);
        }
      }
      return found;
    },
    async findByNickname(nickname) {
      const { user } = await request(deps.nc, findUser, { nickname });
      if (user) remember(user);
      return user ?? undefined;
    },
  };
}

/** A user who is gone from auth still shows up in old rooms and messages, by id. */
export const unknownUser = (id: string): ChatUser => ({ id, nickname: `user-${id}`, name: null, avatarUrl: null });
