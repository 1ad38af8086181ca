import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOAD_GENERATOR, type MeasuredLoad } from './autocannon-runner.ts';
import type { BenchSettings } from './settings.ts';

/** One server setup under load. */
export interface LoadRow {
  label: string;
  load: MeasuredLoad;
}

/** A target the scenario is held to; a miss is reported, never thrown. */
export interface Check {
  name: string;
  goal: string;
  actual: string;
  pass: boolean;
}

export interface ScenarioReport {
  scenario: string;
  title: string;
  settings: BenchSettings;
  rows: LoadRow[];
  checks: Check[];
  notes: string[];
  /** What went wrong in a way that makes the figures untrustworthy (errors, non-2xx answers). */
  problems: string[];
}

export interface MachineInfo {
  cpus: number;
  node: string;
  loadAverage: number[];
  /** Share of all cores busy during the second before the run, i.e. load that is not ours. */
  backgroundBusy?: number;
}

/** Share of the cores busy before a run above which its figures are not representative. */
const BUSY_MACHINE = 0.25;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2);
const pct = (n: number) => `${n >= 0 ? '+' : ''}${Math.round(n * 100)}%`;

/** CPU µs per successful request, by process name. */
export function cpuPerRequestUs(load: MeasuredLoad): Record<string, number> {
  return Object.fromEntries(
    Object.entries(load.cpuMs).map(([name, ms]) => [name, (ms * 1000) / Math.max(1, load.requests)]),
  );
}

/** CPU µs per successful request of every process but the load generator. */
export function serverCpuPerRequestUs(load: MeasuredLoad): number {
  return Object.entries(cpuPerRequestUs(load))
    .filter(([name]) => name !== LOAD_GENERATOR)
    .reduce((sum, [, us]) => sum + us, 0);
}

/** Change of req/s from the first third of the measured seconds to the last third. */
export function trend(perSecond: number[]): number | undefined {
  const third = Math.floor(perSecond.length / 3);
  if (third < 1) return undefined;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(perSecond.slice(0, third));
  return first === 0 ? undefined : mean(perSecond.slice(-third)) / first - 1;
}

function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatReport(report: ScenarioReport): string {
  const s = report.settings;
  const out = [`${report.scenario}: ${report.title}`];
  // Scenarios that are not autocannon loads (fan-out, jobs, storm) report in checks and notes only.
  if (report.rows.length)
    out.push(
      `${s.connections} connections, ${s.warmupS} s warm-up, ${s.durationS} s measured, postgres.js pool ${s.poolSize}`,
      '',
      table(
        ['', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'trend', 'machine busy'],
        report.rows.map(({ label, load }) => {
          const t = trend(load.perSecond);
          return [
            label,
            int(load.reqPerSec),
            ms(load.p50Ms),
            ms(load.p90Ms),
            ms(load.p99Ms),
            ms(load.maxMs),
            int(load.non2xx),
            int(load.errors),
            t === undefined ? '-' : pct(t),
            load.machineBusy === undefined ? '-' : `${Math.round(load.machineBusy * 100)}%`,
          ];
        }),
      ),
      '',
      'CPU per request (µs) by process; "servers" is all but the load generator:',
      ...report.rows.map(({ label, load }) => {
        const parts = Object.entries(cpuPerRequestUs(load)).map(([name, us]) => `${name} ${Math.round(us)}`);
        return `  ${label}: servers ${Math.round(serverCpuPerRequestUs(load))} = ${parts.join(', ')}`;
      }),
    );
  if (report.checks.length) {
    out.push(
      '',
      table(
        ['target', 'goal', 'actual', ''],
        report.checks.map((c) => [c.name, c.goal, c.actual, c.pass ? 'PASS' : 'MISS']),
        2,
      ),
    );
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  for (const problem of report.problems) out.push(`PROBLEM: ${problem}`);
  return out.join('\n');
}

export function formatMachine(m: MachineInfo): string {
  const background =
    m.backgroundBusy === undefined ? '' : `, ${Math.round(m.backgroundBusy * 100)}% busy before the run`;
  const lines = [
    `machine: ${m.cpus} cores, Node ${m.node}, load average ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}${background}.`,
    'Servers, NATS, PostgreSQL and the load generator share these cores: compare rows of one run, not runs.',
  ];
  if ((m.backgroundBusy ?? 0) > BUSY_MACHINE)
    lines.push(
      'WARNING: other work is using the cores; every figure below is lower and noisier than on a quiet machine.',
    );
  return lines.join('\n');
}

/** Writes `<dir>/<scenario>.json` and returns its path. */
export async function writeReportJson(dir: string, report: ScenarioReport, machine: MachineInfo): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${report.scenario}.json`);
  const perRequestCpuUs = Object.fromEntries(report.rows.map(({ label, load }) => [label, cpuPerRequestUs(load)]));
  const settings = { ...report.settings, databaseUrl: withoutPassword(report.settings.databaseUrl) };
  const body = { measuredAt: new Date().toISOString(), machine, ...report, settings, perRequestCpuUs };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = 'redacted';
  return parsed.toString();
}

/** Flags answers that make a row's figures meaningless: anything but 2xx, errors, timeouts. */
export function loadProblems(row: LoadRow): string[] {
  const { load } = row;
  const problems: string[] = [];
  if (load.non2xx > 0)
    problems.push(`${row.label}: ${load.non2xx} non-2xx answers ${JSON.stringify(load.statusCodes)}`);
  if (load.errors > 0) problems.push(`${row.label}: ${load.errors} errors, of which ${load.timeouts} timeouts`);
  if (load.requests === 0) problems.push(`${row.label}: no successful request`);
  for (const name of load.exited) problems.push(`${row.label}: ${name} exited during the run`);
  return problems;
}
