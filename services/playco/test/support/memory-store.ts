import type { PlaylistItemRow, PlaylistRow } from '../../src/db/schema.ts';
import type { PlaycoStore } from '../../src/db/store.ts';
import type { PlaylistsRepository } from '../../src/playlists/index.ts';

interface State {
  playlists: Map<string, PlaylistRow>;
  items: Map<string, PlaylistItemRow>;
}

const clone = (s: State): State => ({
  playlists: new Map([...s.playlists].map(([k, v]) => [k, { ...v }])),
  items: new Map([...s.items].map(([k, v]) => [k, { ...v }])),
});

const byIdDesc = (a: { id: string }, b: { id: string }) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

/** Playco's store in memory: transactions run one at a time and roll back when they throw. */
export function createMemoryStore(): PlaycoStore {
  let state: State = { playlists: new Map(), items: new Map() };
  let queue: Promise<unknown> = Promise.resolve();

  const itemsOf = (s: State, playlistId: string) =>
    [...s.items.values()].filter((i) => i.playlistId === playlistId).sort((a, b) => a.position - b.position);

  function repository(s: State): PlaylistsRepository {
    return {
      async lockOwner() {},
      async countOwned(ownerId) {
        return [...s.playlists.values()].filter((p) => p.ownerId === ownerId).length;
      },
      async insert(p) {
        const now = new Date();
        const row: PlaylistRow = { ...p, version: 0, itemCount: 0, createdAt: now, updatedAt: now };
        s.playlists.set(row.id, row);
        return { ...row };
      },
      async lock(id) {
        const row = s.playlists.get(id);
        return row && { ...row };
      },
      async update(id, patch) {
        const row = s.playlists.get(id)!;
        Object.assign(row, patch, { version: row.version + 1, updatedAt: new Date() });
        return { ...row };
      },
      async remove(id) {
        s.playlists.delete(id);
        for (const i of itemsOf(s, id)) s.items.delete(i.id);
      },
      items: async (id) => itemsOf(s, id).map((i) => ({ ...i })),
      hasVideo: async (id, videoId) => itemsOf(s, id).some((i) => i.videoId === videoId),
      async insertItem(item) {
        for (const i of itemsOf(s, item.playlistId)) if (i.position >= item.position) i.position++;
        const row = { ...item, addedAt: new Date() };
        s.items.set(row.id, row);
        return { ...row };
      },
      async moveItem(id, from, to) {
        for (const i of itemsOf(s, id)) {
          if (i.position === from) i.position = to;
          else if (from < to && i.position > from && i.position <= to) i.position--;
          else if (from > to && i.position >= to && i.position < from) i.position++;
        }
      },
      async removeItem(id, itemId, position) {
        s.items.delete(itemId);
        for (const i of itemsOf(s, id)) if (i.position > position) i.position--;
      },
      find: async (id) => {
        const row = s.playlists.get(id);
        return row && { ...row };
      },
      listOwned: async (ownerId, page) =>
        [...s.playlists.values()]
          .filter((p) => p.ownerId === ownerId && (!page.beforeId || BigInt(p.id) < BigInt(page.beforeId)))
          .sort(byIdDesc)
          .slice(0, page.limit),
      listPublic: async (page) =>
        [...s.playlists.values()]
          .filter((p) => p.publicListable && (!page.beforeId || BigInt(p.id) < BigInt(page.beforeId)))
          .sort(byIdDesc)
          .slice(0, page.limit),
      async removeOwnedBy(ownerId) {
        const ids = [...s.playlists.values()].filter((p) => p.ownerId === ownerId).map((p) => p.id);
        for (const id of ids) {
          s.playlists.delete(id);
          for (const i of itemsOf(s, id)) s.items.delete(i.id);
        }
        return ids;
      },
    };
  }

  type Methods = Record<string, (...args: unknown[]) => unknown>;
  /** Outside a transaction: each call reads and writes what is committed at the time of the call. */
  const committed = Object.fromEntries(
    Object.keys(repository(state)).map((name) => [
      name,
      (...args: unknown[]) => (repository(state) as unknown as Methods)[name]!(...args),
    ]),
  ) as unknown as PlaylistsRepository;

  return {
    playlists: committed,
    transaction<T>(work: (repos: { playlists: PlaylistsRepository }) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        const draft = clone(state);
        const result = await work({ playlists: repository(draft) });
        state = draft;
        return result;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}
