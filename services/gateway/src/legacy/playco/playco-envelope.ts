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

/**
 * A session as legacy clients read it: members by session name under `participants`, each with
 * `status.currently_playing` (an index); `dbModified` when the playlist itself changed.
 */
export const toLegacyRoom = (room: SessionState, dbModified?: boolean): LegacyPlaycoRoom => ({
  playlist_id: room.playlistId,
  playlist_hash: `"${room.version}"`,
  participants: Object.fromEntries(
    room.members.map((m) => [
      m.sessionName,
      { nickname: m.sessionName, data: {}, status: { currently_playing: m.currentlyPlaying } },
    ]),
  ),
  current_play_target: null,
  ...(dbModified === undefined ? {} : { db_modified: dbModified }),
});
