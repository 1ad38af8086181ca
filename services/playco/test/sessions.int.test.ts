import type { Logger, Redis } from '@seed/runtime';
import { describe, expect, test } from '@seed/testkit';
import { createPlaylistsService } from '../src/playlists/index.ts';
import { createSessionsRepository, createSessionsService } from '../src/sessions/index.ts';
import { recordingEvents, sequentialIds } from './support/fakes.ts';
import { createMemoryStore } from './support/memory-store.ts';
import { recordingSessionEvents } from './support/recording-session-events.ts';

const owner = '100';
const other = '200';
const nicknames: Record<string, string> = { [owner]: 'ada', [other]: 'bob' };

describe('live sessions in Redis', () => {
  let redis: Redis;
  let logger: Logger;
  let prefix: string;
  test.beforeAll(({ redis: client, logger: log, redisPrefix }) => {
    redis = client;
    logger = log;
    prefix = redisPrefix;
  });

  async function world(opts: { ttlMs?: number; max?: number } = {}) {
    let now = Date.now();
    const store = createMemoryStore();
    const rec = recordingSessionEvents();
    const sessions = createSessionsService({
      repo: createSessionsRepository(redis),
      playlists: store.playlists,
      users: {
        nickname: async (id) => {
          const n = nicknames[id];
          if (!n) throw Object.assign(new Error('no'), { code: 'not_found' });
          return n;
        },
      },
      sessionEvents: rec.sessionEvents,
      logger,
      connectionTtlMs: opts.ttlMs ?? 10_000,
      maxConnectionsPerUser: opts.max ?? 10,
      now: () => now,
    });
    const playlists = createPlaylistsService({
      store,
      ids: sequentialIds(Number(String(Date.now()).slice(-9)) * 1000),
      events: recordingEvents().events,
      maxPlaylistsPerUser: 5,
    });
    const open = await playlists.create(owner, { name: 'Open', description: '', publicReadable: true });
    const closed = await playlists.create(owner, { name: 'Closed', description: '' });
    const conn = (name: string) => `${prefix}${name}`;
    return { sessions, rec, open, closed, conn, advance: (ms: number) => (now += ms) };
  }

  test('names members nickname#n with the smallest free n, even when they join at once', async () => {
    const w = await world();
    const ids = ['a1', 'a2', 'a3'].map(w.conn);
    await Promise.all(ids.map((connectionId) => w.sessions.open({ connectionId, userId: owner, protocol: 'socket' })));
    const joins = await Promise.all(
      ids.map((connectionId) => w.sessions.join({ connectionId, playlistId: w.open.id })),
    );
    expect(joins.map((j) => j.sessionName).sort()).toEqual(['ada#1', 'ada#2', 'ada#3']);
    const second = joins.find((j) => j.sessionName === 'ada#2')!;
    const secondId = ids[joins.indexOf(second)]!;
    await w.sessions.leave({ connectionId: secondId, playlistId: w.open.id });
    await w.sessions.open({ connectionId: w.conn('a4'), userId: owner, protocol: 'socket' });
    expect((await w.sessions.join({ connectionId: w.conn('a4'), playlistId: w.open.id })).sessionName).toBe('ada#2');
    expect(w.rec.of('memberEntered')).toHaveLength(4);
    expect(w.rec.of('memberExited')).toHaveLength(1);
  });

  test('needs read permission to join and an open session for everything', async () => {
    const w = await world();
    const id = w.conn('b1');
    await expect(w.sessions.join({ connectionId: id, playlistId: w.open.id })).rejects.toMatchObject({
      code: 'connection_not_found',
    });
    await w.sessions.open({ connectionId: id, userId: other, protocol: 'legacy' });
    await expect(w.sessions.open({ connectionId: id, userId: other, protocol: 'legacy' })).rejects.toMatchObject({
      code: 'connection_exists',
    });
    await expect(w.sessions.join({ connectionId: id, playlistId: w.closed.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(w.sessions.leave({ connectionId: id, playlistId: w.open.id })).rejects.toMatchObject({
      code: 'not_joined',
    });
  });

  test('limits the sessions one user holds at once', async () => {
    const w = await world({ max: 2 });
    const user = '300';
    nicknames[user] = 'cy';
    await w.sessions.open({ connectionId: w.conn('c1'), userId: user, protocol: 'legacy' });
    await w.sessions.open({ connectionId: w.conn('c2'), userId: user, protocol: 'legacy' });
    await expect(
      w.sessions.open({ connectionId: w.conn('c3'), userId: user, protocol: 'legacy' }),
    ).rejects.toMatchObject({
      code: 'session_limit_reached',
    });
    await w.sessions.close(w.conn('c1'));
    await expect(
      w.sessions.open({ connectionId: w.conn('c3'), userId: user, protocol: 'legacy' }),
    ).resolves.toBeDefined();
  });

  test('closes a session whose replica stopped refreshing it, once, however many sweepers run', async () => {
    const w = await world({ ttlMs: 1_000 });
    const [kept, lost] = [w.conn('d1'), w.conn('d2')];
    for (const connectionId of [kept, lost]) {
      await w.sessions.open({ connectionId, userId: other, protocol: 'socket' });
      await w.sessions.join({ connectionId, playlistId: w.open.id });
    }
    w.advance(800);
    expect(await w.sessions.refresh([kept, w.conn('never-opened')])).toEqual([w.conn('never-opened')]);
    w.advance(800);
    const swept = await Promise.all([w.sessions.sweep(), w.sessions.sweep(), w.sessions.sweep()]);
    expect(swept.reduce((a, b) => a + b, 0)).toBe(1);
    const exits = w.rec.of('memberExited');
    expect(exits).toHaveLength(1);
    expect(exits[0]!.args[1]).toMatchObject({ sessionName: 'bob#2' });
    expect(await w.sessions.refresh([lost])).toEqual([lost]);
    expect(await w.sessions.isMember(kept, w.open.id)).toBe(true);
  });
});
