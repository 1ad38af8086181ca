import { describe, expect, it } from 'vitest';
import { summarizeStorm } from './storm-summary.ts';

describe('connection storm summary', () => {
  it('times the storm until the last socket is back in its room and splits other users’ requests around it', () => {
    const s = summarizeStorm(
      4,
      {
        type: 'done',
        startedAt: 10_000,
        connectedMs: [100, 300, 500, 900],
        inRoomMs: [150, 400, 700, 1_200],
        failed: 0,
      },
      {
        type: 'requests',
        // Two before the storm (one outside the calm window), three during it, one after it.
        startedAt: [7_000, 9_500, 10_100, 10_600, 11_100, 11_500],
        latencyMs: [1, 2, 30, 40, 50, 3],
        failed: 0,
      },
      1_000,
    );
    expect(s).toMatchObject({
      allConnectedMs: 900,
      allInRoomMs: 1_200,
      inRoomP50Ms: 700,
      inRoomP99Ms: 1_200,
      notBack: 0,
    });
    expect(s.before).toEqual({ requests: 1, p50Ms: 2, p99Ms: 2 });
    expect(s.during).toEqual({ requests: 3, p50Ms: 40, p99Ms: 50 });
  });

  it('counts sockets that never got back, sparse arrays from the IPC included', () => {
    const inRoomMs: number[] = [];
    inRoomMs[1] = 500;
    const s = summarizeStorm(
      3,
      { type: 'done', startedAt: 0, connectedMs: [10, 20], inRoomMs, failed: 1 },
      { type: 'requests', startedAt: [], latencyMs: [], failed: 0 },
      1_000,
    );
    expect(s).toMatchObject({ allInRoomMs: 500, notBack: 2 });
  });
});
