import { type ClockSample, estimateClockOffset, type PlaybackState, type SessionState } from '@seed/contracts';
import { ask, connectTestSocket, describe, expect, nextEvent, received, type TestSocket } from '@seed/testkit';
import { type Cluster, type TestUser, test } from './support/fixtures.ts';

interface Ack {
  ok: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  data?: any;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  error?: { code: string; message: string; details?: any };
}
type MemberEvent = { playlistId: string; member: { sessionName: string }; room: SessionState };

const watch = (n: number) => `https://youtu.be/vid${String(n).padStart(8, '0')}`;

/** Estimates the server clock offset as a client whose own clock reads `skewMs` off true time. */
async function clockOffset(socket: TestSocket, skewMs: number) {
  const samples: ClockSample[] = [];
  for (let i = 0; i < 5; i++) {
    const sentAtMs = Date.now() + skewMs;
    const { data } = await ask<Ack>(socket, 'playco:clock:ping', { clientTimeMs: sentAtMs });
    expect(data.clientTimeMs).toBe(sentAtMs);
    samples.push({ sentAtMs, receivedAtMs: Date.now() + skewMs, serverTimeMs: data.serverTimeMs });
  }
  return estimateClockOffset(samples).offsetMs;
}

describe('the PlayCo socket API on /, across two gateway replicas', () => {
  let c: Cluster;
  let ada: TestUser;
  let bob: TestUser;
  let adaSocket: TestSocket;
  let bobSocket: TestSocket;
  let playlistId: string;

  test.beforeAll(async ({ cluster }) => {
    c = cluster;
    ada = await c.user('ada');
    bob = await c.user('bob');
    adaSocket = await connectTestSocket(c.a.url, { token: ada.token });
    bobSocket = await connectTestSocket(c.b.url, { token: bob.token });
  });
  test('creates and edits playlists through playco:* events with acknowledgements', async () => {
    const created = await ask<Ack>(adaSocket, 'playco:playlist:create', { name: 'Live', publicReadable: true });
    expect(created).toMatchObject({ ok: true, data: { name: 'Live', version: 0 } });
    playlistId = created.data.id;
    const added = await ask<Ack>(adaSocket, 'playco:item:add', { playlistId, version: 0, url: watch(1) });
    expect(added).toMatchObject({ ok: true, data: { playlist: { version: 1 } } });
    const noVersion = await ask<Ack>(adaSocket, 'playco:item:add', { playlistId, url: watch(2) });
    expect(noVersion.error?.code).toBe('precondition_required');
    const badFlag = await ask<Ack>(adaSocket, 'playco:playlist:create', { name: 'x', publicAll: true });
    expect(badFlag.error?.code).toBe('validation_failed');
  });

  test('joins sessions with read permission and tells the room who entered and what they play', async () => {
    const joined = await ask<Ack>(adaSocket, 'playco:session:join', { playlistId, playing: { index: 0 } });
    expect(joined).toMatchObject({ ok: true, data: { sessionName: 'ada#1', playlist: { id: playlistId } } });
    expect(joined.data.room.members).toEqual([
      {
        sessionName: 'ada#1',
        userId: ada.id,
        currentlyPlaying: 0,
        currentlyPlayingItemId: joined.data.playlist.items[0].id,
      },
    ]);

    const entered = nextEvent<MemberEvent>(adaSocket, 'playco:member:entered', (e) => e.member.sessionName === 'bob#1');
    expect((await ask<Ack>(bobSocket, 'playco:session:join', { playlistId })).data.sessionName).toBe('bob#1');
    expect((await entered).room.members.map((m) => m.sessionName)).toEqual(['ada#1', 'bob#1']);

    const playing = nextEvent<MemberEvent>(adaSocket, 'playco:member:playing', (e) => e.member.sessionName === 'bob#1');
    await ask<Ack>(bobSocket, 'playco:session:status', { playlistId, playing: { index: 0 } });
    expect((await playing).member).toMatchObject({ sessionName: 'bob#1', currentlyPlaying: 0 });

    const modified = nextEvent<{ version: number }>(bobSocket, 'playco:playlist:modified', (e) => e.version === 2);
    await ask<Ack>(adaSocket, 'playco:item:add', { playlistId, version: 1, url: watch(2), position: 0 });
    expect((await modified).version).toBe(2);
  });

  test('refuses session events that are malformed, unauthorised or out of order', async () => {
    const { data: hidden } = await ask<Ack>(bobSocket, 'playco:playlist:create', { name: 'Hidden' });
    expect((await ask<Ack>(adaSocket, 'playco:session:join', { playlistId: hidden.id })).error?.code).toBe('not_found');
    expect((await ask<Ack>(adaSocket, 'playco:session:join', {})).error?.code).toBe('validation_failed');
    expect(
      (await ask<Ack>(adaSocket, 'playco:session:status', { playlistId: hidden.id, playing: null })).error?.code,
    ).toBe('not_joined');
    const far = await ask<Ack>(adaSocket, 'playco:session:status', { playlistId, playing: { index: 9 } });
    expect(far.error?.code).toBe('position_out_of_range');
  });

  test('schedules a leader’s playback so members with skewed clocks start within 100 ms of each other', async () => {
    const skews = { ada: -1_500, bob: 3_000 };
    const offsets = { ada: await clockOffset(adaSocket, skews.ada), bob: await clockOffset(bobSocket, skews.bob) };

    const toAda = nextEvent<{ playback: PlaybackState }>(adaSocket, 'playco:playback:changed');
    const toBob = nextEvent<{ playback: PlaybackState }>(bobSocket, 'playco:playback:changed');
    const played = await ask<Ack>(adaSocket, 'playco:playback:control', {
      playlistId,
      command: { action: 'play', positionMs: 12_000 },
    });
    expect(played).toMatchObject({
      ok: true,
      data: { playback: { state: 'playing', positionMs: 12_000, leader: 'ada#1' } },
    });
    const [a, b] = [(await toAda).playback, (await toBob).playback];
    expect(a).toEqual(b);
    expect(a.applyAtMs).toBeGreaterThan(a.issuedAtMs);

    // Each member turns the server time into its own clock, then into true time to compare.
    const startAda = a.applyAtMs - offsets.ada - skews.ada;
    const startBob = b.applyAtMs - offsets.bob - skews.bob;
    expect(Math.abs(startAda - startBob)).toBeLessThan(100);
  });

  test('lets only the leader (or the owner) steer, until the leader leaves', async () => {
    const refused = await ask<Ack>(bobSocket, 'playco:playback:control', {
      playlistId,
      command: { action: 'pause', positionMs: 13_000 },
    });
    expect(refused.error).toMatchObject({ code: 'not_leader', details: { leader: 'ada#1' } });
    await ask<Ack>(adaSocket, 'playco:session:leave', { playlistId });
    const taken = await ask<Ack>(bobSocket, 'playco:playback:control', {
      playlistId,
      command: { action: 'seek', positionMs: 1_000 },
    });
    expect(taken.data.playback).toMatchObject({ state: 'playing', positionMs: 1_000, leader: 'bob#1' });
    const current = await ask<Ack>(adaSocket, 'playco:playback:get', { playlistId });
    expect(current.data.playback).toEqual(taken.data.playback);
  });

  test('takes the others out of a playlist its owner makes private', async () => {
    await ask<Ack>(adaSocket, 'playco:session:join', { playlistId });
    const exited = nextEvent<MemberEvent>(adaSocket, 'playco:member:exited', (e) => e.member.sessionName === 'bob#1');
    const { data: p } = await ask<Ack>(adaSocket, 'playco:playlist:get', { playlistId });
    const hidden = await ask<Ack>(adaSocket, 'playco:playlist:update', {
      playlistId,
      version: p.version,
      publicReadable: false,
    });
    expect(hidden.ok).toBe(true);
    expect((await exited).member.sessionName).toBe('bob#1');

    const bobHeard = received<{ version: number }>(bobSocket, 'playco:playlist:modified');
    const adaHeard = nextEvent<{ version: number }>(
      adaSocket,
      'playco:playlist:modified',
      (e) => e.version === p.version + 2,
    );
    await ask<Ack>(adaSocket, 'playco:playlist:update', { playlistId, version: p.version + 1, name: 'Ours now' });
    expect((await adaHeard).version).toBe(p.version + 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(bobHeard.filter((e) => e.version === p.version + 2)).toEqual([]);
    expect((await ask<Ack>(bobSocket, 'playco:session:join', { playlistId })).error?.code).toBe('not_found');

    const reopened = await ask<Ack>(adaSocket, 'playco:playlist:update', {
      playlistId,
      version: p.version + 2,
      publicReadable: true,
    });
    expect(reopened.ok).toBe(true);
    expect((await ask<Ack>(bobSocket, 'playco:session:join', { playlistId })).ok).toBe(true);
  });

  test('tells the room when a member’s socket goes away', async () => {
    await ask<Ack>(adaSocket, 'playco:session:join', { playlistId });
    const exited = nextEvent<MemberEvent>(adaSocket, 'playco:member:exited', (e) => e.member.sessionName === 'bob#1');
    bobSocket.close();
    const event = await exited;
    expect(event.member.sessionName).toBe('bob#1');
    expect(event.room.members.map((m) => m.sessionName)).toEqual(['ada#1']);
  });
});
