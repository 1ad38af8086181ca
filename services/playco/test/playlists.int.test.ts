import {
  addItem,
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  listMyPlaylists,
  listPublicPlaylists,
  moveItem,
  type PlaylistDetail,
  removeItem,
  updatePlaylist,
  userDeleted,
} from '@seed/contracts';
import { publishEvent } from '@seed/runtime';
import { describe, eventually, expect } from '@seed/testkit';
import { type PlaycoWorld, test } from './support/fixtures.ts';

const video = (n: number) => `vid${String(n).padStart(8, '0')}`;
const watch = (n: number) => `https://www.youtube.com/watch?v=${video(n)}`;
const positions = (p: PlaylistDetail) => p.items.map((i) => i.position);

describe('playlists over NATS', () => {
  let w: PlaycoWorld;
  test.beforeAll(async ({ playcoWorld }) => {
    w = playcoWorld;
    await w.playco.replica();
  });
  async function playlistOf(owner: string, flags: Record<string, boolean> = {}) {
    return w.as(owner, createPlaylist, { name: 'Mix', ...flags });
  }

  test('creates, reads, renames and deletes a playlist, bumping its version on each change', async () => {
    const owner = w.user('ada');
    const created = await playlistOf(owner, { publicListable: true });
    expect(created).toMatchObject({ ownerId: owner, name: 'Mix', version: 0, itemCount: 0, publicListable: true });
    const renamed = await w.as(owner, updatePlaylist, {
      playlistId: created.id,
      version: 0,
      name: 'Mix 2',
      description: 'd',
    });
    expect(renamed).toMatchObject({ name: 'Mix 2', description: 'd', version: 1 });
    expect(await w.as(owner, getPlaylist, { playlistId: created.id })).toMatchObject({ name: 'Mix 2', version: 1 });
    expect(await w.as(owner, deletePlaylist, { playlistId: created.id, version: 1 })).toEqual({ id: created.id });
    await expect(w.as(owner, getPlaylist, { playlistId: created.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  test('stops at the per-user limit even when creations race', async () => {
    const owner = w.user('many');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => playlistOf(owner)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'playlist_limit_reached' });
    const mine = await w.as(owner, listMyPlaylists, { limit: 50 });
    expect(mine.data).toHaveLength(5);
  });

  test('removes the playlists of a deleted account and leaves everyone else’s', async () => {
    const leaving = w.user('leaving');
    const staying = w.user('staying');
    const gone = await playlistOf(leaving);
    const kept = await playlistOf(staying);
    publishEvent(w.nc, userDeleted, { userId: leaving });
    await eventually(() =>
      expect(w.as(leaving, getPlaylist, { playlistId: gone.id })).rejects.toMatchObject({ code: 'not_found' }),
    );
    expect((await w.as(leaving, listMyPlaylists, { limit: 10 })).data).toEqual([]);
    expect((await w.as(staying, getPlaylist, { playlistId: kept.id })).id).toBe(kept.id);
  });

  describe('permissions', () => {
    test('hides a private playlist from others: 404 for reads and changes alike', async () => {
      const owner = w.user('owner1');
      const other = w.user('other1');
      const p = await playlistOf(owner, { publicItemAppendable: true, publicItemDeletable: true });
      await expect(w.as(other, getPlaylist, { playlistId: p.id })).rejects.toMatchObject({ code: 'not_found' });
      await expect(w.as(other, addItem, { playlistId: p.id, version: 0, url: watch(1) })).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(w.as(other, deletePlaylist, { playlistId: p.id, version: 0 })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    test('lets others do exactly what each flag allows on a readable playlist', async () => {
      const owner = w.user('owner2');
      const other = w.user('other2');
      const matrix = [
        { flag: 'publicItemAppendable', add: true, move: false, remove: false },
        { flag: 'publicItemOrderable', add: false, move: true, remove: false },
        { flag: 'publicItemDeletable', add: false, move: false, remove: true },
        { flag: 'none', add: false, move: false, remove: false },
      ];
      for (const row of matrix) {
        let p: PlaylistDetail = await w.as(owner, createPlaylist, {
          name: row.flag,
          publicReadable: true,
          ...(row.flag === 'none' ? {} : { [row.flag]: true }),
        });
        p = (await w.as(owner, addItem, { playlistId: p.id, version: p.version, url: watch(1) })).playlist;
        p = (await w.as(owner, addItem, { playlistId: p.id, version: p.version, url: watch(2) })).playlist;
        expect(await w.as(other, getPlaylist, { playlistId: p.id })).toMatchObject({ id: p.id, itemCount: 2 });
        const attempts = {
          add: () => w.as(other, addItem, { playlistId: p.id, version: p.version, url: watch(3) }),
          move: () =>
            w.as(other, moveItem, { playlistId: p.id, version: p.version, itemId: p.items[0]!.id, position: 1 }),
          remove: () => w.as(other, removeItem, { playlistId: p.id, version: p.version, itemId: p.items[1]!.id }),
        };
        for (const action of ['add', 'move', 'remove'] as const) {
          const outcome = await attempts[action]().then(
            (r) => r.playlist,
            (e) => e.code as string,
          );
          if (row[action]) {
            expect(outcome, `${row.flag} ${action}`).toMatchObject({ version: p.version + 1 });
            p = outcome as PlaylistDetail;
          } else expect(outcome, `${row.flag} ${action}`).toBe('forbidden');
        }
        await expect(
          w.as(other, updatePlaylist, { playlistId: p.id, version: p.version, name: 'x' }),
        ).rejects.toMatchObject({
          code: 'forbidden',
        });
        await w.as(owner, deletePlaylist, { playlistId: p.id, version: p.version });
      }
    });

    test('lists public playlists in cursor pages, newest first, and only listable ones', async () => {
      const owner = w.user('lister');
      const listed: PlaylistDetail[] = [];
      for (let i = 0; i < 3; i++) listed.push(await playlistOf(owner, { publicListable: true, publicReadable: true }));
      const hidden = await playlistOf(owner, { publicReadable: true });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await w.as(w.user('reader'), listPublicPlaylists, { limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const ours = seen.filter((id) => [...listed.map((p) => p.id), hidden.id].includes(id));
      expect(ours).toEqual(listed.map((p) => p.id).reverse());
      await expect(w.as(owner, listPublicPlaylists, { limit: 101 })).rejects.toMatchObject({
        code: 'validation_failed',
      });
      await expect(w.as(owner, listPublicPlaylists, { limit: 2, cursor: 'nope' })).rejects.toMatchObject({
        code: 'validation_failed',
      });
    });
  });

  describe('versions', () => {
    test('answers a change without a version with precondition_required and a stale one with the current playlist', async () => {
      const owner = w.user('versions');
      const p = await playlistOf(owner);
      await expect(w.as(owner, addItem, { playlistId: p.id, url: watch(1) })).rejects.toMatchObject({
        code: 'precondition_required',
      });
      await w.as(owner, addItem, { playlistId: p.id, version: 0, url: watch(1) });
      const stale = await w.as(owner, addItem, { playlistId: p.id, version: 0, url: watch(2) }).catch((e) => e);
      expect(stale.code).toBe('version_mismatch');
      expect(stale.details.playlist).toMatchObject({ id: p.id, version: 1, items: [{ videoId: video(1) }] });
      expect((await w.as(owner, getPlaylist, { playlistId: p.id })).itemCount).toBe(1);
    });

    test('never loses an update when two clients edit at once and retry on version_mismatch', async () => {
      const owner = w.user('racer');
      const p = await playlistOf(owner, { allowDuplicate: true });
      const client = async (first: number) => {
        for (let n = first; n < first + 6; n++) {
          let version = (await w.as(owner, getPlaylist, { playlistId: p.id })).version;
          for (;;) {
            try {
              await w.as(owner, addItem, { playlistId: p.id, version, url: watch(n), position: 0 });
              break;
            } catch (err) {
              const e = err as { code: string; details: { playlist: PlaylistDetail } };
              if (e.code !== 'version_mismatch') throw err;
              version = e.details.playlist.version;
            }
          }
        }
      };
      await Promise.all([client(100), client(200)]);
      const final = await w.as(owner, getPlaylist, { playlistId: p.id });
      expect(final.itemCount).toBe(12);
      expect(final.version).toBe(12);
      expect(new Set(final.items.map((i) => i.videoId)).size).toBe(12);
      expect(positions(final)).toEqual([...Array(12).keys()]);
    });

    test('keeps positions dense under concurrent moves and deletes', async () => {
      const owner = w.user('shuffler');
      let p: PlaylistDetail = await playlistOf(owner);
      for (let n = 1; n <= 8; n++)
        p = (await w.as(owner, addItem, { playlistId: p.id, version: p.version, url: watch(n) })).playlist;
      const edit = async (k: number) => {
        for (let round = 0; round < 4; round++) {
          for (;;) {
            const cur = await w.as(owner, getPlaylist, { playlistId: p.id });
            const item = cur.items[(k + round) % cur.items.length]!;
            const change =
              round === 3 && k < 2
                ? w.as(owner, removeItem, { playlistId: p.id, version: cur.version, itemId: item.id })
                : w.as(owner, moveItem, {
                    playlistId: p.id,
                    version: cur.version,
                    itemId: item.id,
                    position: (k * 3 + round) % cur.itemCount,
                  });
            const ok = await change.then(
              () => true,
              (e) => (e.code === 'version_mismatch' ? false : Promise.reject(e)),
            );
            if (ok) break;
          }
        }
      };
      await Promise.all([edit(0), edit(1), edit(2)]);
      const final = await w.as(owner, getPlaylist, { playlistId: p.id });
      expect(final.itemCount).toBe(6);
      expect(final.version).toBe(8 + 12);
      expect(positions(final)).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  describe('items and bad input', () => {
    test('normalises every YouTube URL form and stores oEmbed metadata', async () => {
      const owner = w.user('forms');
      let p: PlaylistDetail = await playlistOf(owner);
      const forms = [
        `https://youtu.be/${video(11)}?si=x`,
        `https://www.youtube.com/shorts/${video(12)}`,
        `https://music.youtube.com/watch?v=${video(13)}&list=RD`,
        `m.youtube.com/watch?v=${video(14)}`,
      ];
      for (const url of forms) p = (await w.as(owner, addItem, { playlistId: p.id, version: p.version, url })).playlist;
      expect(p.items.map((i) => [i.videoId, i.url, i.title])).toEqual(
        [11, 12, 13, 14].map((n) => [video(n), watch(n), `Video ${video(n)}`]),
      );
      expect(p.items[0]!.thumbnailUrl).toContain(video(11));
    });

    test('refuses bad input with typed errors and leaves the playlist unchanged', async () => {
      const owner = w.user('strict');
      const p = (await w.as(owner, addItem, { playlistId: (await playlistOf(owner)).id, version: 0, url: watch(1) }))
        .playlist;
      const v = p.version;
      const cases: [() => Promise<unknown>, string][] = [
        [
          () => w.as(owner, addItem, { playlistId: p.id, version: v, url: 'https://vimeo.com/123' }),
          'invalid_video_url',
        ],
        [
          () => w.as(owner, addItem, { playlistId: p.id, version: v, url: 'youtube.com/watch?v=tooshort' }),
          'invalid_video_url',
        ],
        [() => w.as(owner, addItem, { playlistId: p.id, version: v, url: watch(1) }), 'duplicate_item'],
        [
          () => w.as(owner, addItem, { playlistId: p.id, version: v, url: watch(2), position: 5 }),
          'position_out_of_range',
        ],
        [
          () => w.as(owner, moveItem, { playlistId: p.id, version: v, itemId: p.items[0]!.id, position: 1 }),
          'position_out_of_range',
        ],
        [() => w.as(owner, moveItem, { playlistId: p.id, version: v, itemId: '123', position: 0 }), 'not_found'],
        [
          () => w.as(owner, updatePlaylist, { playlistId: p.id, version: v, publicEverything: true } as never),
          'validation_failed',
        ],
        [() => w.as(owner, updatePlaylist, { playlistId: p.id, version: v, name: '' }), 'validation_failed'],
        [() => w.as(owner, getPlaylist, { playlistId: 'abc' }), 'validation_failed'],
        [() => w.as(undefined, getPlaylist, { playlistId: p.id }), 'unauthenticated'],
      ];
      for (const [call, code] of cases) await expect(call()).rejects.toMatchObject({ code });
      expect(await w.as(owner, getPlaylist, { playlistId: p.id })).toEqual(p);
    });

    test('tells an unknown video from a metadata source that fails, never an internal error', async () => {
      const owner = w.user('oembed');
      const p = await playlistOf(owner);
      const add = (id: string) => w.as(owner, addItem, { playlistId: p.id, version: 0, url: `https://youtu.be/${id}` });
      await expect(add('missing0001')).rejects.toMatchObject({ code: 'video_unavailable' });
      await expect(add('private0001')).rejects.toMatchObject({ code: 'video_unavailable' });
      await expect(add('broken00001')).rejects.toMatchObject({ code: 'metadata_unavailable' });
      await expect(add('garbled0001')).rejects.toMatchObject({ code: 'metadata_unavailable' });
      await expect(add('slowslow001')).rejects.toMatchObject({ code: 'metadata_unavailable' });
      expect(await w.as(owner, getPlaylist, { playlistId: p.id })).toMatchObject({ version: 0, items: [] });
    });
  });
});
