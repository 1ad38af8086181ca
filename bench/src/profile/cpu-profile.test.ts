import { describe, expect, it } from 'vitest';
import { type CpuProfile, moduleOf, summarizeProfile } from './cpu-profile.ts';

const NATS = '/seed/node_modules/.pnpm/@nats-io+nats-core@3.4.0/node_modules/@nats-io/nats-core/lib/request.js';
const GATEWAY = 'file:///seed/services/gateway/src/http/contract-routes.ts';

// root → handler (gateway) → RequestError (nats), and root → (idle); samples 1 ms apart.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
    { id: 2, callFrame: { functionName: 'handler', url: GATEWAY, lineNumber: 10 }, children: [3] },
    { id: 3, callFrame: { functionName: 'RequestError', url: NATS, lineNumber: 5 } },
    { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ],
  startTime: 0,
  endTime: 7_000,
  samples: [2, 3, 3, 3, 4, 2, 4],
  timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
};

describe('cpu profile summary', () => {
  it('names the module of npm packages, workspace folders, Node built-ins and V8 frames', () => {
    expect(moduleOf(NATS, 'RequestError')).toBe('@nats-io/nats-core');
    expect(moduleOf(GATEWAY, 'handler')).toBe('services/gateway http');
    expect(moduleOf('file:///seed/packages/runtime/src/logger.ts', 'child')).toBe('packages/runtime logger');
    expect(moduleOf('node:internal/streams/writable', 'write')).toBe('node:streams');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(moduleOf('', 'writeBuffer')).toBe('(native)');
  });

  it('counts self time at the leaf and inclusive time once per function on the stack, idle left out', () => {
    // Each sample stands for the time to the next one, so the last sample counts nothing.
    const s = summarizeProfile(profile);
    expect(s.totalUs).toBe(6_000);
    expect(s.busyUs).toBe(5_000);
    expect(s.selfFrames.map((f) => [f.frame, f.us])).toEqual([
      ['RequestError (@nats-io/nats-core)', 3_000],
      ['handler (services/gateway http)', 2_000],
    ]);
    expect(s.inclusiveFrames.map((f) => [f.frame, f.us])).toEqual([
      ['handler (services/gateway http)', 5_000],
      ['RequestError (@nats-io/nats-core)', 3_000],
    ]);
    expect(s.modules[0]).toMatchObject({ module: '@nats-io/nats-core', share: 0.6 });
  });

  it('keeps only the last seconds asked for, leaving start-up and warm-up out', () => {
    // Samples at 1…7 ms; the last 2.5 ms keep those at 5 (idle), 6 and 7 ms (the last counts nothing).
    const s = summarizeProfile(profile, { lastSeconds: 0.0025 });
    expect(s.totalUs).toBe(2_000);
    expect(s.selfFrames.map((f) => f.frame)).toEqual(['handler (services/gateway http)']);
  });
});
