import { describe, expect, it } from 'vitest';
import type { LoadRow } from '../lib/report.ts';
import { measuredLoad } from '../lib/testing.ts';
import { chosenRows, compareToBaselines, cpuNotes, ROWS } from './gateway-select1.ts';

const row = (label: string, reqPerSec: number, p50Ms: number, cpuMs = 5_000): LoadRow => ({
  label,
  load: measuredLoad({ reqPerSec, p50Ms, cpuMs: { server: cpuMs } }),
});
const baselines = [row(ROWS.monolith, 4_000, 11), row(ROWS.cachedMonolith, 10_000, 2.7), row(ROWS.moleculer, 4_000, 6)];
const verdicts = (rows: LoadRow[]) => compareToBaselines(rows).map((c) => [c.name, c.actual, c.pass]);

describe('gateway-select1 targets', () => {
  it('passes a gateway at 0.6× the cached monolith, 1.5× Moleculer and 1 ms added to p50', () => {
    expect(verdicts([...baselines, row(ROWS.gateway, 6_000, 3.7)])).toEqual([
      ['req/s gateway ÷ monolith with cached tokens (baseline 2)', '0.60×', true],
      ['added p50, gateway − monolith with cached tokens (baseline 2)', '1.00 ms', true],
      ['req/s gateway ÷ Moleculer (baseline 3)', '1.50×', true],
      ['req/s gateway ÷ monolith verifying every request (baseline 1)', '1.50×', true],
    ]);
  });

  it('reports a gateway only as fast as Moleculer as missed targets, not as an error', () => {
    expect(verdicts([...baselines, row(ROWS.gateway, 4_400, 5.9)])).toEqual([
      ['req/s gateway ÷ monolith with cached tokens (baseline 2)', '0.44×', false],
      ['added p50, gateway − monolith with cached tokens (baseline 2)', '3.20 ms', false],
      ['req/s gateway ÷ Moleculer (baseline 3)', '1.10×', false],
      ['req/s gateway ÷ monolith verifying every request (baseline 1)', '1.10×', true],
    ]);
  });

  it('judges only against the baselines that were measured', () => {
    expect(verdicts([row(ROWS.moleculer, 4_000, 6), row(ROWS.gateway, 6_000, 4)])).toEqual([
      ['req/s gateway ÷ Moleculer (baseline 3)', '1.50×', true],
    ]);
    expect(verdicts(baselines)).toEqual([]);
  });

  it('states each CPU comparison against the baseline it names', () => {
    // 100,000 requests: 20 s of CPU is 200 µs per request, 10 s is 100 µs.
    const notes = cpuNotes([row(ROWS.cachedMonolith, 10_000, 2.7, 10_000), row(ROWS.gateway, 6_000, 3.7, 20_000)]);
    expect(notes).toEqual([
      'CPU per request, servers: gateway stack 200 µs vs monolith, cached tokens 100 µs (2.00×); ' +
        "CPU-bound, gateway req/s would approach 0.50× this baseline's",
    ]);
  });
});

describe('gateway-select1 rows', () => {
  it('runs the rows BENCH_SELECT1_ROWS names, and every row when it is unset', () => {
    const chosen = chosenRows('cachedMonolith, gateway');
    expect(Object.values(ROWS).filter(chosen)).toEqual([ROWS.cachedMonolith, ROWS.gateway]);
    expect(Object.values(ROWS).filter(chosenRows(undefined))).toEqual(Object.values(ROWS));
    expect(() => chosenRows('gatway')).toThrow(/unknown row gatway/);
  });
});
