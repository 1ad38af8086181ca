import { z } from 'zod';
import { Id } from '../ids.ts';

/** One socket in one playlist's live session. */
export const SessionMember = z.object({
  /** `nickname#n`, unique within the room. */
  sessionName: z.string(),
  userId: Id,
  /** Index of the item this member plays, or null. */
  currentlyPlaying: z.number().int().nonnegative().nullable(),
  currentlyPlayingItemId: Id.nullable(),
});
export type SessionMember = z.infer<typeof SessionMember>;

/** The public state of a playlist's live session, as every member sees it. */
export const SessionState = z.object({
  playlistId: Id,
  version: z.number().int().nonnegative(),
  members: z.array(SessionMember),
});
export type SessionState = z.infer<typeof SessionState>;

/** Where a member starts or what it plays now: an item id, or an item index (the legacy form). */
export const PlayingRef = z.union([z.object({ itemId: Id }), z.object({ index: z.number().int().min(0) })]);
export type PlayingRef = z.infer<typeof PlayingRef>;

/**
 * The group's playback, set by its leader. Times are epoch milliseconds of the server clock
 * (`playco:clock:ping` gives a client its offset): at `applyAtMs` every member seeks to
 * `positionMs` of `itemId` and plays or pauses; while playing, the position at server time t is
 * `positionMs + (t - applyAtMs)`.
 */
export const PlaybackState = z.object({
  playlistId: Id,
  state: z.enum(['playing', 'paused']),
  itemId: Id.nullable(),
  positionMs: z.number().int().nonnegative(),
  applyAtMs: z.number().int().positive(),
  /** Server time when the leader's command was accepted. */
  issuedAtMs: z.number().int().positive(),
  leader: z.string().nullable(),
});
export type PlaybackState = z.infer<typeof PlaybackState>;
