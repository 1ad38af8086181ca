import type { SeedSocket } from '@seed/client';
import { type ClockSample, estimateClockOffset } from '@seed/contracts';

/** Server time minus local time, from a few `playco:clock:ping` round trips (the shortest wins). */
export async function measureClockOffset(s: SeedSocket, samples = 5): Promise<number> {
  const taken: ClockSample[] = [];
  for (let i = 0; i < samples; i++) {
    const sentAtMs = Date.now();
    const { serverTimeMs } = await s.emit('playco:clock:ping', { clientTimeMs: sentAtMs });
    taken.push({ sentAtMs, receivedAtMs: Date.now(), serverTimeMs });
  }
  return estimateClockOffset(taken).offsetMs;
}
