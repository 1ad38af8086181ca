import { describe, expect, it } from 'vitest';
import { fakeMetadata, recordingEvents, sequentialIds } from '../../test/support/fakes.ts';
import { createMemoryStore } from '../../test/support/memory-store.ts';
import { createItemsService } from '../items/index.ts';
import { createPlaylistsService } from './playlists.service.ts';

const owner = '100';
const other = '200';

function setup(max = 2) {
  const store = createMemoryStore();
  const rec = recordingEvents();
  const ids = sequentialIds();
  const playlists = createPlaylistsService({ store, ids, events: rec.events, maxPlaylistsPerUser: max });
  const items = createItemsService({
    store,
    ids,
    events: rec.events,
    metadata: fakeMetadata(),
    maxItemsPerPlaylist: 10,
  });
  return { playlists, items, rec };
}

describe('playlists service', () => {
  it('creates private playlists up to the per-user limit', async () => {
    const { playlists } = setup(2);
    const p = await playlists.create(owner, { name: 'Mix', description: '' });
    expect(p).toMatchObject({ ownerId: owner, version: 0, publicReadable: false, allowDuplicate: false, items: [] });
    await playlists.create(owner, { name: 'Two', description: '' });
    await expect(playlists.create(owner, { name: 'Three', description: '' })).rejects.toMatchObject({
      code: 'playlist_limit_reached',
    });
    await expect(playlists.create(other, { name: 'Theirs', description: '' })).resolves.toBeDefined();
  });

  it('answers not_found, never forbidden, to others for a private playlist', async () => {
    const { playlists } = setup();
    const p = await playlists.create(owner, { name: 'Secret', description: '' });
    await expect(playlists.get(other, p.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(playlists.update(other, { playlistId: p.id, version: 0, name: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lets only the owner change a readable playlist', async () => {
    const { playlists } = setup();
    const p = await playlists.create(owner, { name: 'Open', description: '', publicReadable: true });
    await expect(playlists.get(other, p.id)).resolves.toMatchObject({ name: 'Open' });
    await expect(playlists.update(other, { playlistId: p.id, version: 0, name: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(playlists.remove(other, { playlistId: p.id, version: 0 })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('needs the version: missing is precondition_required, stale is version_mismatch with the playlist', async () => {
    const { playlists, rec } = setup();
    const p = await playlists.create(owner, { name: 'A', description: '' });
    await expect(playlists.update(owner, { playlistId: p.id, name: 'B' })).rejects.toMatchObject({
      code: 'precondition_required',
    });
    const updated = await playlists.update(owner, { playlistId: p.id, version: 0, name: 'B' });
    expect(updated).toMatchObject({ name: 'B', version: 1 });
    expect(rec.modified.at(-1)?.version).toBe(1);
    const stale = await playlists.update(owner, { playlistId: p.id, version: 0, name: 'C' }).catch((e) => e);
    expect(stale.code).toBe('version_mismatch');
    expect(stale.details.playlist).toMatchObject({ name: 'B', version: 1 });
  });

  it('pages my playlists and the public ones, newest first', async () => {
    const { playlists } = setup(5);
    for (const name of ['a', 'b', 'c']) await playlists.create(owner, { name, description: '', publicListable: true });
    await playlists.create(owner, { name: 'hidden', description: '' });
    const first = await playlists.listPublic({ limit: 2 });
    expect(first.data.map((p) => p.name)).toEqual(['c', 'b']);
    const second = await playlists.listPublic({ limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ data: [{ name: 'a' }], nextCursor: null });
    expect((await playlists.listMine(owner, { limit: 10 })).data).toHaveLength(4);
    expect((await playlists.listMine(other, { limit: 10 })).data).toEqual([]);
    await expect(playlists.listPublic({ limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('deletes with the version and tells the sessions', async () => {
    const { playlists, rec } = setup();
    const p = await playlists.create(owner, { name: 'A', description: '' });
    await expect(playlists.remove(owner, { playlistId: p.id, version: 3 })).rejects.toMatchObject({
      code: 'version_mismatch',
    });
    await playlists.remove(owner, { playlistId: p.id, version: 0 });
    expect(rec.deleted).toEqual([p.id]);
    await expect(playlists.get(owner, p.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
