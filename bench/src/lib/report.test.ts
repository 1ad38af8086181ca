import { describe, expect, it } from 'vitest';
import { formatReport, loadProblems, type ScenarioReport, trend } from './report.ts';
import { parseCommandLine } from './settings.ts';
import { measuredLoad } from './testing.ts';

describe('trend', () => {
  it('shows a server that slows down during the run as a negative change', () => {
    expect(trend([12_000, 11_000, 10_000, 8_000, 7_000, 6_000])).toBeCloseTo(6_500 / 11_500 - 1);
  });

  it('is undefined when the run is too short to compare its start with its end', () => {
    expect(trend([10_000, 9_000])).toBeUndefined();
  });
});

describe('report', () => {
  const report = (overrides: Partial<ScenarioReport>): ScenarioReport => ({
    scenario: 'example',
    title: 'example scenario',
    settings: parseCommandLine([], {}).settings,
    rows: [{ label: 'monolith', load: measuredLoad() }],
    checks: [],
    notes: [],
    problems: [],
    ...overrides,
  });

  it('prints each target with PASS or MISS', () => {
    const text = formatReport(
      report({
        checks: [
          { name: 'throughput', goal: '≥ 0.60×', actual: '0.71×', pass: true },
          { name: 'added p50', goal: '≤ 0.50 ms', actual: '1.20 ms', pass: false },
        ],
      }),
    );
    expect(text).toMatch(/throughput\s+≥ 0\.60×\s+0\.71×\s+PASS/);
    expect(text).toMatch(/added p50\s+≤ 0\.50 ms\s+1\.20 ms\s+MISS/);
  });

  it('leaves the load table out of a scenario that reports in checks and notes only', () => {
    const text = formatReport(report({ rows: [], notes: ['sockets back after 900 ms'] }));
    expect(text).not.toContain('req/s');
    expect(text).toContain('note: sockets back after 900 ms');
  });

  it('flags error answers, which make a row meaningless', () => {
    const row = { label: 'gateway', load: measuredLoad({ non2xx: 12, statusCodes: { '200': 99_988, '503': 12 } }) };
    expect(loadProblems(row)).toEqual(['gateway: 12 non-2xx answers {"200":99988,"503":12}']);
    expect(formatReport(report({ problems: loadProblems(row) }))).toContain('PROBLEM: gateway: 12 non-2xx');
  });
});

describe('command line', () => {
  it('runs 2 s of warm-up and 10 s measured with 50 connections and a pool per connection', () => {
    expect(parseCommandLine([], {}).settings).toMatchObject({
      warmupS: 2,
      durationS: 10,
      connections: 50,
      poolSize: 50,
    });
  });

  it('takes the duration from BENCH_DURATION_S and shortens everything with --quick', () => {
    expect(parseCommandLine([], { BENCH_DURATION_S: '30' }).settings.durationS).toBe(30);
    expect(parseCommandLine(['--quick', 'gateway-select1'], {})).toMatchObject({
      settings: { warmupS: 1, durationS: 3, quick: true },
      scenarios: ['gateway-select1'],
    });
  });
});
