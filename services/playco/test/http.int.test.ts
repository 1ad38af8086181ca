import { describe, expect } from '@seed/testkit';
import { type Cluster, type TestUser, test } from './support/fixtures.ts';

const watch = (n: number) => `https://www.youtube.com/watch?v=vid${String(n).padStart(8, '0')}`;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted by each test
const body = (res: Response): Promise<any> => res.json();

describe('playco over HTTP through the gateway', () => {
  let c: Cluster;
  let ada: TestUser;
  let bob: TestUser;
  test.beforeAll(async ({ cluster }) => {
    c = cluster;
    ada = await c.user('ada');
    bob = await c.user('bob');
  });
  test('sends the version as ETag and needs it back in If-Match for every change', async () => {
    const created = await ada.http(c.a, 'POST', '/api/v1/playco/playlists', {
      name: 'Road trip',
      publicReadable: true,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"0"');
    const { data: playlist } = await body(created);
    const path = `/api/v1/playco/playlists/${playlist.id}`;

    const read = await ada.http(c.a, 'GET', path);
    expect(read.headers.get('etag')).toBe('"0"');

    const missing = await ada.http(c.a, 'POST', `${path}/items`, { url: watch(1) });
    expect(missing.status).toBe(428);
    expect((await body(missing)).error.code).toBe('precondition_required');

    const added = await ada.http(c.a, 'POST', `${path}/items`, { url: watch(1) }, { 'if-match': '"0"' });
    expect(added.status).toBe(201);
    expect(added.headers.get('etag')).toBe('"1"');
    const { data: addedBody } = await body(added);
    expect(addedBody.item).toMatchObject({ videoId: 'vid00000001', position: 0 });

    const stale = await ada.http(c.a, 'PATCH', path, { name: 'Late' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    const staleBody = await body(stale);
    expect(staleBody.error.code).toBe('version_mismatch');
    expect(staleBody.error.details.playlist).toMatchObject({ version: 1, items: [{ videoId: 'vid00000001' }] });

    const itemId = addedBody.item.id;
    const moved = await ada.http(c.a, 'PATCH', `${path}/items/${itemId}`, { position: 3 }, { 'if-match': '"1"' });
    expect(moved.status).toBe(422);
    expect((await body(moved)).error.code).toBe('position_out_of_range');
    const removed = await ada.http(c.a, 'DELETE', `${path}/items/${itemId}`, undefined, { 'if-match': '"1"' });
    expect(removed.status).toBe(200);
    expect(removed.headers.get('etag')).toBe('"2"');

    const deleted = await ada.http(c.a, 'DELETE', path, undefined, { 'if-match': '"2"' });
    expect(deleted.status).toBe(200);
    expect((await ada.http(c.a, 'GET', path)).status).toBe(404);
  });

  test('shows a private playlist to nobody but its owner, as 404', async () => {
    const { data: p } = await body(await ada.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'Mine' }));
    const res = await bob.http(c.a, 'GET', `/api/v1/playco/playlists/${p.id}`);
    expect(res.status).toBe(404);
    expect((await body(res)).error.code).toBe('not_found');
    const change = await bob.http(
      c.a,
      'PATCH',
      `/api/v1/playco/playlists/${p.id}`,
      { name: 'x' },
      { 'if-match': '"0"' },
    );
    expect(change.status).toBe(404);
  });

  test('lists in cursor pages as {data, nextCursor}', async () => {
    await ada.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'Another' });
    const mine = await body(await ada.http(c.a, 'GET', '/api/v1/playco/playlists?limit=1'));
    expect(mine.data).toHaveLength(1);
    expect(typeof mine.nextCursor).toBe('string');
    const next = await body(await ada.http(c.a, 'GET', `/api/v1/playco/playlists?limit=1&cursor=${mine.nextCursor}`));
    expect(next.data[0].id).not.toBe(mine.data[0].id);
    expect(next.nextCursor).toBeNull();
    const tooMany = await ada.http(c.a, 'GET', '/api/v1/playco/playlists/public?limit=101');
    expect(tooMany.status).toBe(400);
  });

  test('answers bad input with typed 4xx errors', async () => {
    const unknownFlag = await ada.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'x', publicEverything: true });
    expect(unknownFlag.status).toBe(400);
    expect((await body(unknownFlag)).error.code).toBe('validation_failed');
    const { data: p } = await body(await ada.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'Bad input' }));
    const notYoutube = await ada.http(
      c.a,
      'POST',
      `/api/v1/playco/playlists/${p.id}/items`,
      { url: 'https://vimeo.com/1' },
      {
        'if-match': '"0"',
      },
    );
    expect(notYoutube.status).toBe(400);
    expect((await body(notYoutube)).error.code).toBe('invalid_video_url');
    const unknown = await ada.http(
      c.a,
      'POST',
      `/api/v1/playco/playlists/${p.id}/items`,
      { url: 'https://youtu.be/missing0001' },
      {
        'if-match': '"0"',
      },
    );
    expect(unknown.status).toBe(422);
    expect((await body(unknown)).error.code).toBe('video_unavailable');
    const down = await ada.http(
      c.a,
      'POST',
      `/api/v1/playco/playlists/${p.id}/items`,
      { url: 'https://youtu.be/broken00001' },
      {
        'if-match': '"0"',
      },
    );
    expect(down.status).toBe(503);
    expect((await body(down)).error.code).toBe('metadata_unavailable');
    const weakTag = await ada.http(
      c.a,
      'PATCH',
      `/api/v1/playco/playlists/${p.id}`,
      { name: 'y' },
      { 'if-match': 'W/"0"' },
    );
    expect(weakTag.status).toBe(400);
    const noToken = await fetch(`${c.a.url}/api/v1/playco/playlists`);
    expect(noToken.status).toBe(401);
  });

  test('refuses ids beyond 64 bits and control characters in text as validation_failed, never a 500', async () => {
    const huge = '99999999999999999999';
    for (const [method, path, input] of [
      ['GET', `/api/v1/playco/playlists/${huge}`, undefined],
      ['GET', '/api/v1/playco/playlists/9223372036854775808', undefined],
      ['POST', '/api/v1/playco/playlists', { name: 'nul\u0000byte' }],
      ['POST', '/api/v1/playco/playlists', { name: 'Mix', description: 'escape \u001b[2J' }],
    ] as const) {
      const res = await ada.http(c.a, method, path, input);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await body(res)).error.code).toBe('validation_failed');
    }
  });
});
