import { controlPlayback, getPlayback, pingClock } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { PlaybackService } from './playback.service.ts';

/** Binds the playback and clock contracts to the playback service. */
export function servePlaybackHandlers(host: ServiceHost, playback: PlaybackService): void {
  host.serve(controlPlayback, (input) => playback.control(input));
  host.serve(getPlayback, ({ playlistId }, { caller }) => playback.get(caller.userId, playlistId));
  host.serve(pingClock, ({ clientTimeMs }) => ({
    clientTimeMs: clientTimeMs ?? null,
    serverTimeMs: playback.serverTime(),
  }));
}
