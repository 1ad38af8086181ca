import type { PlaybackCommand, PlaybackState } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import { isOwner, type PlaylistReader, readableOrNotFound } from '../playlists/index.ts';
import type { SessionEvents, SessionMembership } from '../sessions/index.ts';
import type { PlaybackRepository, StoredPlayback } from './playback.repository.ts';

export interface PlaybackServiceDeps {
  repo: PlaybackRepository;
  sessions: SessionMembership;
  playlists: PlaylistReader;
  sessionEvents: Pick<SessionEvents, 'playbackChanged'>;
  /** How far ahead of now a command is applied: more than the time it takes to reach every member. */
  leadMs: number;
  now?: () => number;
}

const publicState = ({ leaderConnectionId: _, ...state }: StoredPlayback): PlaybackState => state;

/** The group's synchronised playback: one leader's play, pause and seek, applied at a server time. */
export function createPlaybackService(deps: PlaybackServiceDeps) {
  const now = deps.now ?? Date.now;

  async function mayLead(current: StoredPlayback | undefined, connectionId: string, owner: boolean) {
    const leader = current?.leaderConnectionId;
    if (!leader || leader === connectionId || owner) return true;
    return !(await deps.sessions.isMember(leader, current.playlistId));
  }

  return {
    serverTime: () => now(),

    async control(input: { connectionId: string; playlistId: string; command: PlaybackCommand }) {
      const { connectionId, playlistId, command } = input;
      const member = await deps.sessions.memberOf(connectionId, playlistId);
      const playlist = await deps.playlists.find(playlistId);
      if (!playlist) throw new AppError('not_found', 'no such playlist');
      const current = await deps.repo.get(playlistId);
      if (!(await mayLead(current, connectionId, isOwner(playlist, member.userId))))
        throw new AppError('not_leader', 'another member leads the playback', { leader: current?.leader ?? null });

      const items = await deps.playlists.items(playlistId);
      let itemId = current?.itemId ?? member.itemId ?? items[0]?.id ?? null;
      if (command.action === 'play' && command.itemId) {
        if (!items.some((i) => i.id === command.itemId))
          throw new AppError('not_found', 'no such item in this playlist');
        itemId = command.itemId;
      }
      const state =
        command.action === 'play' ? 'playing' : command.action === 'pause' ? 'paused' : (current?.state ?? 'paused');
      const issuedAtMs = now();
      const playback: StoredPlayback = {
        playlistId,
        state,
        itemId,
        positionMs: command.positionMs,
        applyAtMs: issuedAtMs + deps.leadMs,
        issuedAtMs,
        leader: member.sessionName,
        leaderConnectionId: connectionId,
      };
      await deps.repo.save(playback);
      const shown = publicState(playback);
      deps.sessionEvents.playbackChanged(shown);
      return { playback: shown };
    },

    async get(userId: string, playlistId: string) {
      readableOrNotFound(await deps.playlists.find(playlistId), userId);
      const current = await deps.repo.get(playlistId);
      return { playback: current ? publicState(current) : null };
    },
  };
}

export type PlaybackService = ReturnType<typeof createPlaybackService>;
