import type { PlaylistDetail } from '@seed/contracts';
import { describe, expect, it } from 'vitest';
import { fakeMetadata, recordingEvents, sequentialIds } from '../../test/support/fakes.ts';
import { createMemoryStore } from '../../test/support/memory-store.ts';
import type { CreateInput } from '../playlists/index.ts';
import { createPlaylistsService } from '../playlists/index.ts';
import { createItemsService } from './items.service.ts';

const owner = '100';
const other = '200';
const url = (n: number) => `https://youtu.be/video${String(n).padStart(6, '0')}`;
const videoIds = (p: PlaylistDetail) => p.items.map((i) => i.videoId);

function setup(flags: Partial<CreateInput> = {}) {
  const store = createMemoryStore();
  const rec = recordingEvents();
  const ids = sequentialIds();
  const playlists = createPlaylistsService({ store, ids, events: rec.events, maxPlaylistsPerUser: 5 });
  const items = createItemsService({
    store,
    ids,
    events: rec.events,
    metadata: fakeMetadata(['video000404']),
    maxItemsPerPlaylist: 4,
  });
  const created = playlists.create(owner, { name: 'P', description: '', ...flags });
  return { items, rec, created };
}

/** Adds videos 1..n as the owner and returns the playlist. */
async function filled(items: ReturnType<typeof setup>['items'], playlist: PlaylistDetail, n: number) {
  let p = playlist;
  for (let i = 1; i <= n; i++)
    p = (await items.add(owner, { playlistId: p.id, version: p.version, url: url(i) })).playlist;
  return p;
}

describe('items service', () => {
  it('adds YouTube videos at the end or at a position, keeping positions dense', async () => {
    const { items, created } = setup();
    let p = await filled(items, await created, 2);
    const added = await items.add(owner, { playlistId: p.id, version: p.version, url: url(3), position: 0 });
    p = added.playlist;
    expect(added.item).toMatchObject({ videoId: 'video000003', title: 'Video video000003', position: 0 });
    expect(videoIds(p)).toEqual(['video000003', 'video000001', 'video000002']);
    expect(p.items.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(p).toMatchObject({ itemCount: 3, version: 3 });
  });

  it('refuses what is not a YouTube video, an unknown video, a full playlist and positions past the end', async () => {
    const { items, created } = setup();
    const p = await created;
    const add = (u: string, position?: number) =>
      items.add(owner, { playlistId: p.id, version: 0, url: u, ...(position === undefined ? {} : { position }) });
    await expect(add('https://vimeo.com/1')).rejects.toMatchObject({ code: 'invalid_video_url' });
    await expect(add(url(404))).rejects.toMatchObject({ code: 'video_unavailable' });
    await expect(add(url(1), 1)).rejects.toMatchObject({ code: 'position_out_of_range' });
    const full = await filled(items, p, 4);
    await expect(items.add(owner, { playlistId: p.id, version: full.version, url: url(9) })).rejects.toMatchObject({
      code: 'playlist_full',
    });
  });

  it('refuses a duplicate video unless the playlist allows it', async () => {
    const strict = setup();
    const p = await filled(strict.items, await strict.created, 1);
    await expect(strict.items.add(owner, { playlistId: p.id, version: p.version, url: url(1) })).rejects.toMatchObject({
      code: 'duplicate_item',
    });
    const lax = setup({ allowDuplicate: true });
    const q = await filled(lax.items, await lax.created, 1);
    const again = await lax.items.add(owner, { playlistId: q.id, version: q.version, url: url(1) });
    expect(videoIds(again.playlist)).toEqual(['video000001', 'video000001']);
  });

  it('moves items both ways and refuses a position out of range', async () => {
    const { items, created } = setup();
    let p = await filled(items, await created, 4);
    const [first, , , last] = p.items;
    p = (await items.move(owner, { playlistId: p.id, version: p.version, itemId: first!.id, position: 2 })).playlist;
    expect(videoIds(p)).toEqual(['video000002', 'video000003', 'video000001', 'video000004']);
    p = (await items.move(owner, { playlistId: p.id, version: p.version, itemId: last!.id, position: 0 })).playlist;
    expect(videoIds(p)).toEqual(['video000004', 'video000002', 'video000003', 'video000001']);
    expect(p.items.map((i) => i.position)).toEqual([0, 1, 2, 3]);
    await expect(
      items.move(owner, { playlistId: p.id, version: p.version, itemId: first!.id, position: 4 }),
    ).rejects.toMatchObject({ code: 'position_out_of_range' });
  });

  it('removes an item, closes the gap and moves its players to the item in its place', async () => {
    const { items, created, rec } = setup();
    let p = await filled(items, await created, 3);
    const [a, b, c] = p.items;
    p = (await items.remove(owner, { playlistId: p.id, version: p.version, itemId: b!.id })).playlist;
    expect(p.items.map((i) => [i.id, i.position])).toEqual([
      [a!.id, 0],
      [c!.id, 1],
    ]);
    expect(rec.removed.at(-1)).toEqual({ playlistId: p.id, itemId: b!.id, replacementId: c!.id });
    p = (await items.remove(owner, { playlistId: p.id, version: p.version, itemId: c!.id })).playlist;
    expect(rec.removed.at(-1)?.replacementId).toBe(a!.id);
    await expect(items.remove(owner, { playlistId: p.id, version: p.version, itemId: c!.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lets others change items only as the flags allow', async () => {
    const closed = setup({ publicReadable: true });
    const p = await filled(closed.items, await closed.created, 1);
    const item = p.items[0]!;
    const v = p.version;
    await expect(closed.items.add(other, { playlistId: p.id, version: v, url: url(2) })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      closed.items.move(other, { playlistId: p.id, version: v, itemId: item.id, position: 0 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(closed.items.remove(other, { playlistId: p.id, version: v, itemId: item.id })).rejects.toMatchObject({
      code: 'forbidden',
    });

    const open = setup({ publicReadable: true, publicItemAppendable: true, publicItemDeletable: true });
    const q = await filled(open.items, await open.created, 1);
    const added = await open.items.add(other, { playlistId: q.id, version: q.version, url: url(2) });
    expect(added.item.addedBy).toBe(other);
    const after = await open.items.remove(other, {
      playlistId: q.id,
      version: added.playlist.version,
      itemId: added.item.id,
    });
    expect(after.playlist.itemCount).toBe(1);
  });

  it('keeps a refused change from touching the playlist', async () => {
    const { items, created } = setup();
    const p = await filled(items, await created, 2);
    const stale = await items.add(owner, { playlistId: p.id, version: 0, url: url(3) }).catch((e) => e);
    expect(stale.code).toBe('version_mismatch');
    expect(videoIds(stale.details.playlist)).toEqual(['video000001', 'video000002']);
    await expect(items.add(owner, { playlistId: p.id, url: url(3) })).rejects.toMatchObject({
      code: 'precondition_required',
    });
  });
});
