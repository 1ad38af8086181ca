import { z } from 'zod';
import { defineSocketEvent } from '../define.ts';
import type { RoomState } from './room.schemas.ts';

/** The namespace of the seed 000 protocol, kept for its clients. */
export const SEED_NAMESPACE = '/playco_ws';

/** Sub-codes of the seed protocol, with the status code each travels with. */
export const seedSubCodes = {
  SESSION_CREATED: 201,
  USER_JOINED: 200,
  USER_LEFT_SELF: 200,
  ROOM_MODIFIED: 200,
  ROOM_CLOSED: 204,
  PLAYLIST_USER_ENTERED: 200,
  PLAYLIST_USER_EXITED: 200,
  PLAYLIST_MODIFIED: 200,
  OFFICIAL_ANNOUNCEMENT: 200,
  PAYLOAD_REQUIRED_OMITTED: 400,
  /** Not in the seed: a field present but unusable (an item index past the end, a malformed id). */
  PAYLOAD_INVALID: 400,
  /** Not in the seed: the socket sends events faster than allowed. */
  RATE_LIMITED: 429,
  SESSION_ALREADY_CREATED: 400,
  MAX_SESSION_CONNECTED: 400,
  SIO_TOKEN_EXPIRED: 400,
  SIO_TOKEN_INVALID: 400,
  USER_NOT_EXIST: 404,
  SESSION_NOT_EXIST: 404,
  ROOM_NOT_EXIST: 404,
  PLAYLIST_NOT_EXIST: 404,
  SERVER_ERROR: 500,
} as const;
export type SeedSubCode = keyof typeof seedSubCodes;

/** Every reply and broadcast of the seed protocol. */
export const SeedEnvelope = z.object({
  code: z.number().int(),
  subCode: z.string(),
  success: z.boolean(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type SeedEnvelope = z.infer<typeof SeedEnvelope>;

export function seedEnvelope(subCode: SeedSubCode, message: string, data?: unknown): SeedEnvelope {
  const code = seedSubCodes[subCode];
  return { code, subCode, success: code < 400, message, ...(data === undefined ? {} : { data }) };
}

/** The seed's form of a room: members by session name, each with `currently_playing` (an index). */
export const SeedRoom = z.object({
  playlist_id: z.string(),
  version: z.number().int(),
  members: z.record(z.string(), z.object({ currently_playing: z.number().int().nullable() })),
});
export type SeedRoom = z.infer<typeof SeedRoom>;

export const toSeedRoom = (room: RoomState): SeedRoom => ({
  playlist_id: room.playlistId,
  version: room.version,
  members: Object.fromEntries(room.members.map((m) => [m.sessionName, { currently_playing: m.currentlyPlaying }])),
});

const seedBroadcast = <const E extends string>(event: E, description: string) =>
  defineSocketEvent({ event, namespace: SEED_NAMESPACE, payload: SeedEnvelope, description });

export const seedUserEntered = seedBroadcast('PLAYLIST_USER_ENTERED', 'A member entered; data.room is the room.');
export const seedUserExited = seedBroadcast('PLAYLIST_USER_EXITED', 'A member left or disconnected.');
export const seedPlaylistModified = seedBroadcast(
  'PLAYLIST_MODIFIED',
  'The playlist, its items or what a member plays changed; ROOM_CLOSED when it was deleted.',
);
export const seedAnnouncement = seedBroadcast('OFFICIAL_ANNOUNCEMENT', 'A message from the operators.');

/** Every broadcast of the seed protocol on `/playco_ws`. */
export const seedSocketEvents = [seedUserEntered, seedUserExited, seedPlaylistModified, seedAnnouncement];
