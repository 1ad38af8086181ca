import type { PlayingRef, PlaylistDetail, SessionMember, SessionState } from '@seed/contracts';
import { AppError, type Logger } from '@seed/runtime';
import type { PlaylistItemRow } from '../db/schema.ts';
import { type PlaylistEvents, type PlaylistReader, readableOrNotFound, toDetail } from '../playlists/index.ts';
import type { UserDirectory } from '../users/index.ts';
import type { SessionEvents } from './sessions.events.ts';
import type { SessionsRepository, StoredMember } from './sessions.repository.ts';

export interface SessionsServiceDeps {
  repo: SessionsRepository;
  playlists: PlaylistReader;
  users: UserDirectory;
  sessionEvents: SessionEvents;
  logger: Logger;
  /** A connection lapses this long after its last refresh. */
  connectionTtlMs: number;
  maxConnectionsPerUser: number;
  now?: () => number;
}

type Items = Pick<PlaylistItemRow, 'id'>[];

/** Who is in which playlist's live session, and what each plays. */
export function createSessionsService(deps: SessionsServiceDeps) {
  const { repo, sessionEvents } = deps;
  const now = deps.now ?? Date.now;

  const toMember = (m: StoredMember, items: Items): SessionMember => {
    const index = m.itemId ? items.findIndex((i) => i.id === m.itemId) : -1;
    return {
      sessionName: m.sessionName,
      userId: m.userId,
      currentlyPlaying: index >= 0 ? index : null,
      currentlyPlayingItemId: index >= 0 ? m.itemId! : null,
    };
  };

  async function sessionOf(playlistId: string, version: number, items: Items): Promise<SessionState> {
    const members = await repo.members(playlistId);
    return { playlistId, version, members: members.map((m) => toMember(m, items)) };
  }

  /** The session as it is now, or undefined when the playlist is gone. */
  async function currentSession(playlistId: string) {
    const playlist = await deps.playlists.find(playlistId);
    if (!playlist) return undefined;
    const items = await deps.playlists.items(playlistId);
    return { room: await sessionOf(playlistId, playlist.version, items), items };
  }

  function resolvePlaying(ref: PlayingRef | null | undefined, items: Items): string | null {
    if (!ref) return null;
    if ('index' in ref) {
      const item = items[ref.index];
      if (!item)
        throw new AppError('position_out_of_range', `no item at index ${ref.index}`, { max: items.length - 1 });
      return item.id;
    }
    if (!items.some((i) => i.id === ref.itemId)) throw new AppError('not_found', 'no such item in this playlist');
    return ref.itemId;
  }

  async function connectionOf(connectionId: string) {
    const conn = await repo.connection(connectionId);
    if (!conn) throw new AppError('connection_not_found', 'this socket has no playco session');
    return conn;
  }

  async function announceExit(playlistId: string, member: StoredMember) {
    const current = await currentSession(playlistId);
    if (!current) return;
    sessionEvents.memberExited(current.room, toMember(member, current.items));
  }

  async function close(connectionId: string): Promise<boolean> {
    const left = await repo.close(connectionId);
    if (!left) return false;
    for (const { playlistId, member } of left) await announceExit(playlistId, member);
    return true;
  }

  /** A playlist that turned private keeps only its owner's sessions. */
  async function evictReaders(playlist: PlaylistDetail) {
    const others = (await repo.members(playlist.id)).filter((m) => m.userId !== playlist.ownerId);
    for (const m of others) {
      const left = await repo.leave(m.connectionId, playlist.id);
      if (left)
        sessionEvents.memberExited(
          await sessionOf(playlist.id, playlist.version, playlist.items),
          toMember(left, playlist.items),
        );
    }
    sessionEvents.evict(playlist.id, [...new Set(others.map((m) => m.userId))]);
  }

  const events: PlaylistEvents = {
    async modified(playlist: PlaylistDetail) {
      try {
        if (!playlist.publicReadable) await evictReaders(playlist);
        sessionEvents.playlistModified(playlist, await sessionOf(playlist.id, playlist.version, playlist.items));
      } catch (err) {
        deps.logger.error({ err, playlistId: playlist.id }, 'could not announce a playlist change');
      }
    },
    async deleted(playlistId) {
      try {
        const members = await repo.closeSession(playlistId);
        sessionEvents.playlistClosed(playlistId);
        sessionEvents.evict(playlistId, [...new Set(members.map((m) => m.userId))]);
      } catch (err) {
        deps.logger.error({ err, playlistId }, 'could not close a deleted playlist’s session');
      }
    },
    async itemRemoved(playlistId, itemId, replacementId) {
      try {
        await repo.remapPlaying(playlistId, itemId, replacementId);
      } catch (err) {
        deps.logger.error({ err, playlistId }, 'could not move members off a removed item');
      }
    },
  };

  return {
    /** What the live sessions hear of committed playlist changes. */
    events,

    async open(input: { connectionId: string; userId: string; protocol: string }) {
      const nickname = await deps.users.nickname(input.userId);
      const status = await repo.open({ ...input, nickname }, now() + deps.connectionTtlMs, deps.maxConnectionsPerUser);
      if (status === 'exists') throw new AppError('connection_exists', 'this socket already has a session');
      if (status === 'limit')
        throw new AppError('session_limit_reached', `at most ${deps.maxConnectionsPerUser} sessions per user`);
      return { connectionId: input.connectionId, nickname };
    },

    close,

    refresh: (connectionIds: string[]) => repo.refresh(connectionIds, now() + deps.connectionTtlMs),

    /** Closes the connections whose replica stopped refreshing them; returns how many. */
    async sweep(limit = 500): Promise<number> {
      let closed = 0;
      for (const id of await repo.lapsed(now(), limit)) if (await close(id)) closed++;
      return closed;
    },

    async join(input: { connectionId: string; playlistId: string; playing?: PlayingRef | undefined }) {
      const conn = await connectionOf(input.connectionId);
      const playlist = readableOrNotFound(await deps.playlists.find(input.playlistId), conn.userId);
      const items = await deps.playlists.items(playlist.id);
      const itemId = resolvePlaying(input.playing, items);
      const joined = await repo.join(input.connectionId, playlist.id, itemId, new Date(now()).toISOString());
      if (!joined) throw new AppError('connection_not_found', 'this socket has no playco session');
      const room = await sessionOf(playlist.id, playlist.version, items);
      const member = toMember(joined.member, items);
      if (joined.isNew) sessionEvents.memberEntered(room, member);
      else if (input.playing) sessionEvents.memberPlaying(room, member);
      return { sessionName: member.sessionName, room, playlist: toDetail(playlist, items) };
    },

    async leave(input: { connectionId: string; playlistId: string }) {
      await connectionOf(input.connectionId);
      const member = await repo.leave(input.connectionId, input.playlistId);
      if (!member) throw new AppError('not_joined', 'not in this playlist');
      const current = await currentSession(input.playlistId);
      if (!current) return { room: { playlistId: input.playlistId, version: 0, members: [] } };
      sessionEvents.memberExited(current.room, toMember(member, current.items));
      return { room: current.room };
    },

    async setStatus(input: { connectionId: string; playlistId: string; playing: PlayingRef | null }) {
      await connectionOf(input.connectionId);
      if (!(await repo.member(input.connectionId, input.playlistId)))
        throw new AppError('not_joined', 'not in this playlist');
      const current = await currentSession(input.playlistId);
      if (!current) throw new AppError('not_found', 'no such playlist');
      const itemId = resolvePlaying(input.playing, current.items);
      const member = await repo.setPlaying(input.connectionId, input.playlistId, itemId);
      if (!member) throw new AppError('not_joined', 'not in this playlist');
      const room = await sessionOf(input.playlistId, current.room.version, current.items);
      sessionEvents.memberPlaying(room, toMember(member, current.items));
      return { room };
    },

    /** The member a connection is in a playlist, or `not_joined`. */
    async memberOf(connectionId: string, playlistId: string) {
      await connectionOf(connectionId);
      const member = await repo.member(connectionId, playlistId);
      if (!member) throw new AppError('not_joined', 'not in this playlist');
      return member;
    },

    isMember: async (connectionId: string, playlistId: string) =>
      (await repo.member(connectionId, playlistId)) !== undefined,
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
