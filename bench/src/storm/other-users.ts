// Other users during the storm (a child of the bench): a few signed-in users listing their chat
// rooms over HTTP in closed loops, each request noted with when it started and how long it took.
import { readFileSync } from 'node:fs';
import type { OtherRequests } from './storm-protocol.ts';

const url = `${process.env.STORM_GATEWAY}/api/v1/chat/rooms`;
const tokens = JSON.parse(readFileSync(process.env.OTHER_TOKENS_FILE!, 'utf8')) as string[];
const startedAt: number[] = [];
const latencyMs: number[] = [];
let failed = 0;
let running = true;

const loop = async (token: string) => {
  while (running) {
    const start = Date.now();
    const t0 = performance.now();
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) failed++;
      else {
        startedAt.push(start);
        latencyMs.push(performance.now() - t0);
      }
    } catch {
      failed++;
    }
  }
};
const loops = tokens.map(loop);
process.send?.({ type: 'ready' });
await new Promise((resolve) => process.once('message', resolve));
running = false;
await Promise.all(loops);
process.send?.({ type: 'requests', startedAt, latencyMs, failed } satisfies OtherRequests, () =>
  process.disconnect?.(),
);
