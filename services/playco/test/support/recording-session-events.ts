import type { RoomBroadcaster } from '../../src/sessions/room-broadcaster.ts';

type Call = { kind: keyof RoomBroadcaster; args: unknown[] };

/** A RoomBroadcaster that records what it would send. */
export function recordingBroadcaster() {
  const calls: Call[] = [];
  const record =
    (kind: keyof RoomBroadcaster) =>
    (...args: unknown[]) =>
      void calls.push({ kind, args });
  const broadcaster = {
    memberEntered: record('memberEntered'),
    memberExited: record('memberExited'),
    memberPlaying: record('memberPlaying'),
    playlistModified: record('playlistModified'),
    playlistClosed: record('playlistClosed'),
    playbackChanged: record('playbackChanged'),
    evict: record('evict'),
  } satisfies RoomBroadcaster;
  return { broadcaster, calls, of: (kind: keyof RoomBroadcaster) => calls.filter((c) => c.kind === kind) };
}
