import type { Redis } from '@seed/runtime';
import { z } from 'zod';
import { CLOSE, CLOSE_SESSION, JOIN, LEAVE, OPEN, REFRESH, REMAP_PLAYING, SET_PLAYING } from './session-scripts.ts';

/** A connection in one playlist's session, as stored. */
export const StoredMember = z.object({
  connectionId: z.string(),
  userId: z.string(),
  nickname: z.string(),
  n: z.number().int(),
  sessionName: z.string(),
  itemId: z.string().optional(),
  joinedAt: z.string(),
});
export type StoredMember = z.infer<typeof StoredMember>;

const member = (json: string): StoredMember => StoredMember.parse(JSON.parse(json));

/**
 * The live sessions in Redis, shared by every replica (the only Redis of sessions):
 * - `playco:conn:<connId>` hash (userId, nickname, protocol) and `playco:conn:<connId>:rooms` set;
 * - `playco:conns` sorted set of open connections by the time they lapse unless refreshed;
 * - `playco:user-conns:<userId>` set, for the per-user limit;
 * - `playco:room:<playlistId>` hash of connId → member json (session name, playing item): a playlist's session.
 */
export function createSessionsRepository(redis: Redis) {
  // Scripts build keys themselves, so they get the client's own key prefix spelled out.
  const base = 'playco:';
  const prefix = `${redis.options.keyPrefix ?? ''}${base}`;
  const run = (script: string, ...args: (string | number)[]) => redis.eval(script, 0, prefix, ...args);

  return {
    async open(
      c: { connectionId: string; userId: string; nickname: string; protocol: string },
      expiresAt: number,
      maxPerUser: number,
    ) {
      return (await run(OPEN, c.connectionId, c.userId, c.nickname, c.protocol, expiresAt, maxPerUser)) as
        | 'ok'
        | 'exists'
        | 'limit';
    },

    async connection(
      connectionId: string,
    ): Promise<{ userId: string; nickname: string; protocol: string } | undefined> {
      const h = await redis.hgetall(`${base}conn:${connectionId}`);
      return h.userId && h.nickname
        ? { userId: h.userId, nickname: h.nickname, protocol: h.protocol ?? 'socket' }
        : undefined;
    },

    /** The sessions it left, or undefined when it was already closed. */
    async close(connectionId: string): Promise<{ playlistId: string; member: StoredMember }[] | undefined> {
      const flat = (await run(CLOSE, connectionId)) as string[] | null;
      if (!flat) return undefined;
      const left: { playlistId: string; member: StoredMember }[] = [];
      for (let i = 0; i < flat.length; i += 2) left.push({ playlistId: flat[i]!, member: member(flat[i + 1]!) });
      return left;
    },

    async refresh(connectionIds: string[], expiresAt: number): Promise<string[]> {
      if (connectionIds.length === 0) return [];
      return (await run(REFRESH, expiresAt, ...connectionIds)) as string[];
    },

    /** Open connections that lapsed before `now` (at most `limit`). */
    lapsed(now: number, limit: number): Promise<string[]> {
      return redis.zrangebyscore(`${base}conns`, '-inf', now, 'LIMIT', 0, limit);
    },

    async join(connectionId: string, playlistId: string, itemId: string | null, joinedAt: string) {
      const [status, json] = (await run(JOIN, connectionId, playlistId, itemId ?? '', joinedAt)) as [string, string?];
      if (status === 'no_conn') return undefined;
      return { isNew: status === 'joined', member: member(json!) };
    },

    async leave(connectionId: string, playlistId: string): Promise<StoredMember | undefined> {
      const json = (await run(LEAVE, connectionId, playlistId)) as string | null;
      return json ? member(json) : undefined;
    },

    async setPlaying(connectionId: string, playlistId: string, itemId: string | null) {
      const json = (await run(SET_PLAYING, connectionId, playlistId, itemId ?? '')) as string | null;
      return json ? member(json) : undefined;
    },

    async remapPlaying(playlistId: string, fromItemId: string, toItemId: string | null): Promise<number> {
      return (await run(REMAP_PLAYING, playlistId, fromItemId, toItemId ?? '')) as number;
    },

    async members(playlistId: string): Promise<StoredMember[]> {
      const all = await redis.hvals(`${base}room:${playlistId}`);
      return all.map(member).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.n - b.n);
    },

    async member(connectionId: string, playlistId: string): Promise<StoredMember | undefined> {
      const json = await redis.hget(`${base}room:${playlistId}`, connectionId);
      return json ? member(json) : undefined;
    },

    async closeSession(playlistId: string): Promise<StoredMember[]> {
      return ((await run(CLOSE_SESSION, playlistId)) as string[]).map(member);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
