import type { SessionEvents } from '../../src/sessions/index.ts';

type Call = { kind: keyof SessionEvents; args: unknown[] };

/** A SessionEvents that records what it would send. */
export function recordingSessionEvents() {
  const calls: Call[] = [];
  const record =
    (kind: keyof SessionEvents) =>
    (...args: unknown[]) =>
      void calls.push({ kind, args });
  const sessionEvents = {
    memberEntered: record('memberEntered'),
    memberExited: record('memberExited'),
    memberPlaying: record('memberPlaying'),
    playlistModified: record('playlistModified'),
    playlistClosed: record('playlistClosed'),
    playbackChanged: record('playbackChanged'),
    evict: record('evict'),
  } satisfies SessionEvents;
  return { sessionEvents, calls, of: (kind: keyof SessionEvents) => calls.filter((c) => c.kind === kind) };
}
