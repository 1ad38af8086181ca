/** One `playco:clock:ping` exchange, in the client's clock, with the server's answer. */
export interface ClockSample {
  sentAtMs: number;
  receivedAtMs: number;
  serverTimeMs: number;
}

/**
 * The server clock minus the client clock, from the sample with the shortest round trip (its
 * error is at most half that trip). Add it to a local time to get server time; subtract it from a
 * `PlaybackState.applyAtMs` to get the local time to act.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): { offsetMs: number; roundTripMs: number } {
  let best: ClockSample | undefined;
  for (const s of samples) if (!best || s.receivedAtMs - s.sentAtMs < best.receivedAtMs - best.sentAtMs) best = s;
  if (!best) throw new RangeError('at least one clock sample is needed');
  return {
    offsetMs: best.serverTimeMs - (best.sentAtMs + best.receivedAtMs) / 2,
    roundTripMs: best.receivedAtMs - best.sentAtMs,
  };
}
