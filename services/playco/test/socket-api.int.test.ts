import { type ClockSample, estimateClockOffset, type PlaybackState, type RoomState } from '@seed/contracts';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectSocket, nextEvent, received } from './support/clients.ts';
import { type Cluster, startCluster, type TestUser } from './support/cluster.ts';

interface Ack {
  ok: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  data?: any;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  error?: { code: string; message: string; details?: any };
}
type MemberEvent = { playlistId: string; member: { sessionName: string }; room: RoomState };

const watch = (n: number) => `https://youtu.be/vid${String(n).padStart(8, '0')}`;

/** Estimates the server clock offset as a client whose own clock reads `skewMs` off true time. */
async function clockOffset(socket: Socket, skewMs: number) {
  const samples: ClockSample[] = [];
  for (let i = 0; i < 5; i++) {
    const sentAtMs = Date.now() + skewMs;
    const { data } = await call<Ack>(socket, 'playco:clock:ping', { clientTimeMs: sentAtMs });
    expect(data.clientTimeMs).toBe(sentAtMs);
    samples.push({ sentAtMs, receivedAtMs: Date.now() + skewMs, serverTimeMs: data.serverTimeMs });
  }
  return estimateClockOffset(samples).offsetMs;
}

describe('the PlayCo socket API on /, across two gateway replicas', () => {
  let c: Cluster;
  let ada: TestUser;
  let bob: TestUser;
  let adaSocket: Socket;
  let bobSocket: Socket;
  let playlistId: string;

  beforeAll(async () => {
    c = await startCluster({ replicas: 2 });
    ada = await c.user('ada');
    bob = await c.user('bob');
    adaSocket = await connectSocket(c.a.url, '/', ada.token);
    bobSocket = await connectSocket(c.b.url, '/', bob.token);
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('creates and edits playlists through playco:* events with acknowledgements', async () => {
    const created = await call<Ack>(adaSocket, 'playco:playlist:create', { name: 'Live', publicReadable: true });
    expect(created).toMatchObject({ ok: true, data: { name: 'Live', version: 0 } });
    playlistId = created.data.id;
    const added = await call<Ack>(adaSocket, 'playco:item:add', { playlistId, version: 0, url: watch(1) });
    expect(added).toMatchObject({ ok: true, data: { playlist: { version: 1 } } });
    const noVersion = await call<Ack>(adaSocket, 'playco:item:add', { playlistId, url: watch(2) });
    expect(noVersion.error?.code).toBe('precondition_required');
    const badFlag = await call<Ack>(adaSocket, 'playco:playlist:create', { name: 'x', publicAll: true });
    expect(badFlag.error?.code).toBe('validation_failed');
  });

  it('joins sessions with read permission and tells the room who entered and what they play', async () => {
    const joined = await call<Ack>(adaSocket, 'playco:session:join', { playlistId, playing: { index: 0 } });
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
    expect((await call<Ack>(bobSocket, 'playco:session:join', { playlistId })).data.sessionName).toBe('bob#1');
    expect((await entered).room.members.map((m) => m.sessionName)).toEqual(['ada#1', 'bob#1']);

    const playing = nextEvent<MemberEvent>(adaSocket, 'playco:member:playing', (e) => e.member.sessionName === 'bob#1');
    await call<Ack>(bobSocket, 'playco:session:status', { playlistId, playing: { index: 0 } });
    expect((await playing).member).toMatchObject({ sessionName: 'bob#1', currentlyPlaying: 0 });

    const modified = nextEvent<{ version: number }>(bobSocket, 'playco:playlist:modified', (e) => e.version === 2);
    await call<Ack>(adaSocket, 'playco:item:add', { playlistId, version: 1, url: watch(2), position: 0 });
    expect((await modified).version).toBe(2);
  });

  it('refuses session events that are malformed, unauthorised or out of order', async () => {
    const { data: hidden } = await call<Ack>(bobSocket, 'playco:playlist:create', { name: 'Hidden' });
    expect((await call<Ack>(adaSocket, 'playco:session:join', { playlistId: hidden.id })).error?.code).toBe(
      'not_found',
    );
    expect((await call<Ack>(adaSocket, 'playco:session:join', {})).error?.code).toBe('validation_failed');
    expect(
      (await call<Ack>(adaSocket, 'playco:session:status', { playlistId: hidden.id, playing: null })).error?.code,
    ).toBe('not_joined');
    const far = await call<Ack>(adaSocket, 'playco:session:status', { playlistId, playing: { index: 9 } });
    expect(far.error?.code).toBe('position_out_of_range');
  });

  it('schedules a leader’s playback so members with skewed clocks start within 100 ms of each other', async () => {
    const skews = { ada: -1_500, bob: 3_000 };
    const offsets = { ada: await clockOffset(adaSocket, skews.ada), bob: await clockOffset(bobSocket, skews.bob) };

    const toAda = nextEvent<{ playback: PlaybackState }>(adaSocket, 'playco:playback:changed');
    const toBob = nextEvent<{ playback: PlaybackState }>(bobSocket, 'playco:playback:changed');
    const played = await call<Ack>(adaSocket, 'playco:playback:control', {
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

  it('lets only the leader (or the owner) steer, until the leader leaves', async () => {
    const refused = await call<Ack>(bobSocket, 'playco:playback:control', {
      playlistId,
      command: { action: 'pause', positionMs: 13_000 },
    });
    expect(refused.error).toMatchObject({ code: 'not_leader', details: { leader: 'ada#1' } });
    await call<Ack>(adaSocket, 'playco:session:leave', { playlistId });
    const taken = await call<Ack>(bobSocket, 'playco:playback:control', {
      playlistId,
      command: { action: 'seek', positionMs: 1_000 },
    });
    expect(taken.data.playback).toMatchObject({ state: 'playing', positionMs: 1_000, leader: 'bob#1' });
    const current = await call<Ack>(adaSocket, 'playco:playback:get', { playlistId });
    expect(current.data.playback).toEqual(taken.data.playback);
  });

  it('takes the others out of a playlist its owner makes private', async () => {
    await call<Ack>(adaSocket, 'playco:session:join', { playlistId });
    const exited = nextEvent<MemberEvent>(adaSocket, 'playco:member:exited', (e) => e.member.sessionName === 'bob#1');
    const { data: p } = await call<Ack>(adaSocket, 'playco:playlist:get', { playlistId });
    const hidden = await call<Ack>(adaSocket, 'playco:playlist:update', {
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
    await call<Ack>(adaSocket, 'playco:playlist:update', { playlistId, version: p.version + 1, name: 'Ours now' });
    expect((await adaHeard).version).toBe(p.version + 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(bobHeard.filter((e) => e.version === p.version + 2)).toEqual([]);
    expect((await call<Ack>(bobSocket, 'playco:session:join', { playlistId })).error?.code).toBe('not_found');

    const reopened = await call<Ack>(adaSocket, 'playco:playlist:update', {
      playlistId,
      version: p.version + 2,
      publicReadable: true,
    });
    expect(reopened.ok).toBe(true);
    expect((await call<Ack>(bobSocket, 'playco:session:join', { playlistId })).ok).toBe(true);
  });

  it('tells the room when a member’s socket goes away', async () => {
    await call<Ack>(adaSocket, 'playco:session:join', { playlistId });
    const exited = nextEvent<MemberEvent>(adaSocket, 'playco:member:exited', (e) => e.member.sessionName === 'bob#1');
    bobSocket.close();
    const event = await exited;
    expect(event.member.sessionName).toBe('bob#1');
    expect(event.room.members.map((m) => m.sessionName)).toEqual(['ada#1']);
  });
});
