import type { PlaylistItemRow, PlaylistRow } from '../../src/db/schema.ts';
import type { PlaylistStore, PlaylistTx } from '../../src/playlists/playlist-store.ts';

interface State {
  playlists: Map<string, PlaylistRow>;
  items: Map<string, PlaylistItemRow>;
}

const clone = (s: State): State => ({
  playlists: new Map([...s.playlists].map(([k, v]) => [k, { ...v }])),
  items: new Map([...s.items].map(([k, v]) => [k, { ...v }])),
});

const byIdDesc = (a: { id: string }, b: { id: string }) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

/** An in-memory PlaylistStore: transactions run one at a time and roll back when they throw. */
export function createMemoryPlaylistStore() {
  let state: State = { playlists: new Map(), items: new Map() };
  let queue: Promise<unknown> = Promise.resolve();

  const itemsOf = (s: State, playlistId: string) =>
    [...s.items.values()].filter((i) => i.playlistId === playlistId).sort((a, b) => a.position - b.position);

  function tx(s: State): PlaylistTx {
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
    };
  }

  const store: PlaylistStore = {
    find: async (id) => {
      const row = state.playlists.get(id);
      return row && { ...row };
    },
    items: async (id) => itemsOf(state, id).map((i) => ({ ...i })),
    listOwned: async (ownerId, page) =>
      [...state.playlists.values()]
        .filter((p) => p.ownerId === ownerId && (!page.beforeId || BigInt(p.id) < BigInt(page.beforeId)))
        .sort(byIdDesc)
        .slice(0, page.limit),
    listPublic: async (page) =>
      [...state.playlists.values()]
        .filter((p) => p.publicListable && (!page.beforeId || BigInt(p.id) < BigInt(page.beforeId)))
        .sort(byIdDesc)
        .slice(0, page.limit),
    async removeOwnedBy(ownerId) {
      const ids = [...state.playlists.values()].filter((p) => p.ownerId === ownerId).map((p) => p.id);
      for (const id of ids) {
        state.playlists.delete(id);
        for (const i of itemsOf(state, id)) state.items.delete(i.id);
      }
      return ids;
    },
    transaction<T>(work: (t: PlaylistTx) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        const draft = clone(state);
        const result = await work(tx(draft));
        state = draft;
        return result;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
  return store;
}
