import { AppError } from '@seed/runtime';
import { describe, expect, it } from 'vitest';
import { recordingSessionEvents } from '../../test/support/recording-session-events.ts';
import type { PlaylistItemRow, PlaylistRow } from '../db/schema.ts';
import type { StoredMember } from '../sessions/index.ts';
import type { PlaybackRepository, StoredPlayback } from './playback.repository.ts';
import { createPlaybackService } from './playback.service.ts';

const owner = '100';
const playlist = { id: '900', ownerId: owner, publicReadable: true } as PlaylistRow;
const items = [{ id: '1' }, { id: '2' }] as PlaylistItemRow[];

function setup() {
  let now = 1_800_000_000_000;
  const members = new Map<string, StoredMember>();
  const member = (connectionId: string, userId: string, sessionName: string) =>
    members.set(connectionId, { connectionId, userId, sessionName, nickname: 'x', n: 1, joinedAt: '' });
  const saved = new Map<string, StoredPlayback>();
  const repo = {
    get: async (id) => saved.get(id),
    save: async (p) => void saved.set(p.playlistId, p),
  } satisfies PlaybackRepository;
  const rec = recordingSessionEvents();
  const service = createPlaybackService({
    repo,
    sessions: {
      memberOf: async (connectionId) => {
        const m = members.get(connectionId);
        if (!m) throw new AppError('not_joined');
        return m;
      },
      isMember: async (connectionId) => members.has(connectionId),
    },
    playlists: { find: async (id) => (id === playlist.id ? playlist : undefined), items: async () => items },
    sessionEvents: rec.sessionEvents,
    leadMs: 300,
    now: () => now,
  });
  return { service, member, members, rec, tick: (ms: number) => (now += ms), now: () => now };
}

describe('group playback', () => {
  it('schedules a command ahead of now and tells the session', async () => {
    const s = setup();
    s.member('c1', '200', 'bob#1');
    const { playback } = await s.service.control({
      connectionId: 'c1',
      playlistId: playlist.id,
      command: { action: 'play', positionMs: 5_000 },
    });
    expect(playback).toEqual({
      playlistId: playlist.id,
      state: 'playing',
      itemId: '1',
      positionMs: 5_000,
      issuedAtMs: s.now(),
      applyAtMs: s.now() + 300,
      leader: 'bob#1',
    });
    expect(s.rec.of('playbackChanged')[0]!.args[0]).toEqual(playback);
  });

  it('keeps the state on seek, pauses on pause, and plays the item asked for', async () => {
    const s = setup();
    s.member('c1', '200', 'bob#1');
    const control = (command: Parameters<typeof s.service.control>[0]['command']) =>
      s.service.control({ connectionId: 'c1', playlistId: playlist.id, command });
    expect((await control({ action: 'seek', positionMs: 1 })).playback.state).toBe('paused');
    expect((await control({ action: 'play', itemId: '2', positionMs: 0 })).playback).toMatchObject({
      state: 'playing',
      itemId: '2',
    });
    expect((await control({ action: 'seek', positionMs: 9 })).playback).toMatchObject({
      state: 'playing',
      itemId: '2',
    });
    expect((await control({ action: 'pause', positionMs: 10 })).playback.state).toBe('paused');
    await expect(control({ action: 'play', itemId: '3', positionMs: 0 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets the leader steer, the owner take over, and anyone lead once the leader is gone', async () => {
    const s = setup();
    s.member('lead', '200', 'bob#1');
    s.member('other', '300', 'cy#1');
    s.member('own', owner, 'ada#1');
    const control = (connectionId: string) =>
      s.service.control({ connectionId, playlistId: playlist.id, command: { action: 'pause', positionMs: 0 } });
    await control('lead');
    await expect(control('other')).rejects.toMatchObject({ code: 'not_leader', details: { leader: 'bob#1' } });
    expect((await control('own')).playback.leader).toBe('ada#1');
    s.members.delete('own');
    expect((await control('other')).playback.leader).toBe('cy#1');
    await expect(control('gone')).rejects.toMatchObject({ code: 'not_joined' });
  });
});
