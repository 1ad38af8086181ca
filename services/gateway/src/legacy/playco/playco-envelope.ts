import {
  type LegacyPlaycoEnvelope,
  type LegacyPlaycoRoom,
  type LegacyPlaycoSubCode,
  legacyPlaycoSubCodes,
  type SessionState,
} from '@seed/contracts';

/** A reply or broadcast in the legacy envelope: the sub-code's status, `success` below 400. */
export function envelope(subCode: LegacyPlaycoSubCode, message: string, data?: unknown): LegacyPlaycoEnvelope {
  const code = legacyPlaycoSubCodes[subCode];
  return { code, subCode, success: code < 400, message, ...(data === undefined ? {} : { data }) };
}

/** A session as legacy clients know it: members by session name, each with `currently_playing` (an index). */
export const toLegacyRoom = (room: SessionState): LegacyPlaycoRoom => ({
  playlist_id: room.playlistId,
  version: room.version,
  members: Object.fromEntries(room.members.map((m) => [m.sessionName, { currently_playing: m.currentlyPlaying }])),
});
