import type { ScenarioResult } from './scenarios/run-scenario.ts';

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const outcomes = (r: ScenarioResult) =>
  Object.entries(r.failures)
    .sort(([, x], [, y]) => y - x)
    .map(([outcome, n]) => `${outcome}×${n}`)
    .join(', ') || '-';

/** One row per scenario: what failed and how fast, recovery, and what was lost or doubled. */
export function scenarioTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'requests',
    'failed (as)',
    'failed in p50/max',
    'recovered',
    'ready',
    'msgs acked/lost/doubled',
    'SMS accepted/lost/doubled (redelivered)',
    'verdict',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.requests),
    `${r.failed} (${outcomes(r)})`,
    r.failedMs ? `${r.failedMs.p50} / ${r.failedMs.max} ms` : '-',
    seconds(r.recoveredAfterMs),
    seconds(r.readyAfterMs),
    `${r.messages.acked}/${r.messages.lost}/${r.messages.doubled}`,
    `${r.jobs.accepted}/${r.jobs.lost}/${r.jobs.doubled} (${r.jobs.redelivered})`,
    r.problems.length ? 'FAIL' : 'pass',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Per scenario, the kinds of request that failed: which parts of the API an outage reached. */
export function kindLines(results: ScenarioResult[]): string[] {
  return results.map((r) => {
    const kinds = Object.entries(r.byKind)
      .map(([kind, k]) => `${kind} ${k.failed}/${k.requests}`)
      .join(', ');
    return `${r.name}: failed/sent by kind: ${kinds}`;
  });
}

export function problemLines(results: ScenarioResult[]): string[] {
  return results.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`));
}
