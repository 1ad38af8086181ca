import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { PlaybackState } from './session.schemas.ts';
import { ConnectionId } from './sessions.contract.ts';

export const PlaybackCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play'), itemId: Id.optional(), positionMs: z.number().int().min(0) }),
  z.object({ action: z.literal('pause'), positionMs: z.number().int().min(0) }),
  z.object({ action: z.literal('seek'), positionMs: z.number().int().min(0) }),
]);
export type PlaybackCommand = z.infer<typeof PlaybackCommand>;

/**
 * Served by playco; the group leader plays, pauses or seeks (client event `playco:playback:control`
 * on `/`). The first member to command leads until it leaves; the playlist owner may always take
 * over; anyone else gets `not_leader`. The room gets `playco:playback:changed` with the server time
 * to apply it, far enough ahead for every member to receive it first.
 */
export const ControlPlaybackRequest = z.object({
  connectionId: ConnectionId,
  playlistId: Id,
  command: PlaybackCommand,
});

export const controlPlayback = defineRequest({
  subject: 'playco.playback.control',
  access: 'internal',
  request: ControlPlaybackRequest,
  reply: z.object({ playback: PlaybackState }),
  errors: ['not_joined', 'connection_not_found', 'not_leader', 'not_found'],
});

/**
 * Served by playco; the server clock for NTP-style offset estimation: a client sends its own time,
 * gets it back with the server's, and takes offset = serverTimeMs - (sent + received) / 2 from the
 * sample with the shortest round trip. Read-only.
 */
export const pingClock = defineRequest({
  subject: 'playco.clock.ping',
  access: 'user',
  request: z.object({ clientTimeMs: z.number().optional() }),
  reply: z.object({ clientTimeMs: z.number().nullable(), serverTimeMs: z.number().int() }),
  socket: { event: 'playco:clock:ping' },
  timeoutMs: 2_000,
});

/** The current group playback of a playlist the caller may read; null before anyone played. */
export const getPlayback = defineRequest({
  subject: 'playco.playback.get',
  access: 'user',
  request: z.object({ playlistId: Id }),
  reply: z.object({ playback: PlaybackState.nullable() }),
  errors: ['not_found'],
  socket: { event: 'playco:playback:get' },
});
