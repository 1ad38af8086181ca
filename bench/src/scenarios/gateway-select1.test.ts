import { describe, expect, it } from 'vitest';
import { measuredLoad } from '../lib/testing.ts';
import { compareToBaseline } from './gateway-select1.ts';

describe('gateway-select1 targets', () => {
  const monolith = measuredLoad({ reqPerSec: 10_000, p50Ms: 2.7 });

  it('passes a gateway at 0.6× the throughput with 0.5 ms added to p50', () => {
    const checks = compareToBaseline(monolith, measuredLoad({ reqPerSec: 6_000, p50Ms: 3.2 }));
    expect(checks.map((c) => [c.actual, c.pass])).toEqual([
      ['0.60×', true],
      ['0.50 ms', true],
    ]);
  });

  it('reports a slower gateway as missed targets, not as an error', () => {
    const checks = compareToBaseline(monolith, measuredLoad({ reqPerSec: 4_500, p50Ms: 5.9 }));
    expect(checks.map((c) => [c.actual, c.pass])).toEqual([
      ['0.45×', false],
      ['3.20 ms', false],
    ]);
  });
});
