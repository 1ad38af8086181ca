import { describe, expect, it } from 'vitest';
import type { LoadRow } from '../lib/report.ts';
import { measuredLoad } from '../lib/testing.ts';
import { BENCH_PATH, chosenRoute, pipingNotes, routeChecks } from './routes.ts';

// 100,000 requests in each row: 10 s of CPU is 100 µs per request.
const row = (label: string, cpuMs: Record<string, number>): LoadRow => ({ label, load: measuredLoad({ cpuMs }) });

describe('routes targets', () => {
  const rows = [
    row(BENCH_PATH, { gateway: 20_000, 'bench-service': 10_000, 'load-generator': 5_000 }),
    row('GET /users/me', { gateway: 25_000, auth: 14_000, 'load-generator': 9_000 }),
    row('GET /playco/playlists/:id', { gateway: 30_000, playco: 20_000 }),
    row('POST /chat/rooms/:id/messages', { gateway: 30_000, chat: 60_000 }),
  ];

  it('holds each read to 1.3× the bench path’s server CPU per request and reports writes', () => {
    const reads = new Set(['GET /users/me', 'GET /playco/playlists/:id']);
    expect(routeChecks(rows, reads).map((c) => [c.name, c.goal, c.actual, c.pass])).toEqual([
      ['server CPU per request, GET /users/me ÷ bench path', '≤ 1.3×', '1.30× (390 vs 300 µs)', true],
      ['server CPU per request, GET /playco/playlists/:id ÷ bench path', '≤ 1.3×', '1.67× (500 vs 300 µs)', false],
      ['server CPU per request, POST /chat/rooms/:id/messages ÷ bench path', 'reported', '3.00× (900 vs 300 µs)', true],
    ]);
  });

  it('says how busy the log-piping launcher was in each cluster row', () => {
    const piped = [row('GET /users/me', { 'cluster.ts (log piping)': 9_000, auth: 1 })];
    expect(pipingNotes(piped, 10)).toEqual([
      'GET /users/me: scripts/cluster.ts used 90 µs per request, 90% of one core — it may be what limits the cluster',
    ]);
  });

  it('runs the routes BENCH_ROUTES names by part of their label, all when unset', () => {
    expect(chosenRoute('users/me, messages', 'GET /users/me')).toBe(true);
    expect(chosenRoute('users/me', 'GET /playco/playlists/:id')).toBe(false);
    expect(chosenRoute(undefined, 'GET /playco/playlists/:id')).toBe(true);
  });
});
