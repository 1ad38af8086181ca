import type { OtherRequests, StormDone } from './storm-protocol.ts';

export interface StormSummary {
  sockets: number;
  /** From the storm's start until the last socket connected / was back in its room, ms. */
  allConnectedMs: number;
  allInRoomMs: number;
  inRoomP50Ms: number;
  inRoomP99Ms: number;
  /** Sockets that failed to connect or never heard their room. */
  notBack: number;
  /** Other users' requests in the seconds before the storm and while it lasted. */
  before: { requests: number; p50Ms: number; p99Ms: number };
  during: { requests: number; p50Ms: number; p99Ms: number };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

function window(others: OtherRequests, from: number, to: number) {
  const latencies = others.latencyMs.filter((_, i) => others.startedAt[i]! >= from && others.startedAt[i]! < to);
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

/**
 * The storm of `sockets` reconnections as its clients saw it, and the other users' requests in
 * the `calmMs` before it against those sent while it lasted (until the last socket was back).
 */
export function summarizeStorm(sockets: number, done: StormDone, others: OtherRequests, calmMs: number): StormSummary {
  const connected = done.connectedMs.filter((ms) => ms !== undefined && ms !== null).sort((a, b) => a - b);
  const inRoom = done.inRoomMs.filter((ms) => ms !== undefined && ms !== null).sort((a, b) => a - b);
  const allInRoomMs = inRoom.at(-1) ?? Number.NaN;
  return {
    sockets,
    allConnectedMs: connected.at(-1) ?? Number.NaN,
    allInRoomMs,
    inRoomP50Ms: quantile(inRoom, 0.5),
    inRoomP99Ms: quantile(inRoom, 0.99),
    notBack: sockets - inRoom.length,
    before: window(others, done.startedAt - calmMs, done.startedAt),
    during: window(others, done.startedAt, done.startedAt + (Number.isNaN(allInRoomMs) ? 0 : allInRoomMs)),
  };
}
