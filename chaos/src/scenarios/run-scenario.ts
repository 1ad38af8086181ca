import { setTimeout as sleep } from 'node:timers/promises';
import type { Attempt } from '../load/outcome.ts';
import { type JobLedger, type MessageLedger, reconcileJobs, reconcileMessages } from '../load/reconcile.ts';
import { type LoadRates, startSteadyLoad } from '../load/steady-load.ts';
import type { Account } from '../world/accounts.ts';
import type { Scenario, ScenarioWorld } from './scenario.ts';

export interface ScenarioResult {
  name: string;
  what: string;
  requests: number;
  failed: number;
  /** Failed requests by outcome (`503`, `refused`, …). */
  failures: Record<string, number>;
  /** Requests and failures of each kind (`message (HTTP)`, `JWKS (public)`, …). */
  byKind: Record<string, { requests: number; failed: number }>;
  /** How long the failed requests took to fail. */
  failedMs?: { p50: number; max: number };
  internalErrors: number;
  hung: number;
  faultMs: number;
  /** From the end of the fault until the last failure; undefined when failures never stopped. */
  recoveredAfterMs: number | undefined;
  /** From the end of the fault until every process answered ready. */
  readyAfterMs: number | undefined;
  messages: MessageLedger;
  jobs: JobLedger;
  /** Why the scenario failed; empty when it passed. */
  problems: string[];
  /** Every failed request, timed from the start of the fault (for the JSON report). */
  failedRequests: { kind: string; outcome: string; atMs: number; ms: number }[];
}

export interface RunOptions {
  world: Omit<ScenarioWorld, 'load' | 'burstCodes'>;
  sql: import('postgres').Sql;
  a: Account;
  b: Account;
  roomId: string;
  rates: LoadRates;
  warmMs: number;
  /** Failure-free time that counts as recovered. */
  quietMs: number;
  jobsSettleMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const INTERNAL = new Set(['500', 'internal']);

function lastFailureEnd(attempts: Attempt[]): number | undefined {
  const ends = attempts.filter((a) => !a.ok).map((a) => a.at + a.ms);
  return ends.length ? Math.max(...ends) : undefined;
}

/** Steady load, the fault, recovery, then what was lost or doubled. */
export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const { world } = opts;
  await world.cluster.allReady(90_000);
  const load = startSteadyLoad({
    baseUrl: world.cluster.baseUrl,
    a: opts.a,
    b: opts.b,
    roomId: opts.roomId,
    rates: opts.rates,
  });
  await sleep(opts.warmMs);
  const fault = await scenario.inject({ ...world, load, burstCodes: (n) => load.fire('phoneCodes', n) });
  const readyAfterMs = await world.cluster
    .allReady(scenario.recoverWithinMs + opts.quietMs)
    .then(() => Date.now() - fault.end)
    .catch(() => undefined);
  const deadline = fault.end + scenario.recoverWithinMs + opts.quietMs;
  let quiet = false;
  while (!quiet && Date.now() < deadline) {
    const quietSince = Math.max(fault.end, lastFailureEnd(load.attempts) ?? 0);
    quiet = Date.now() - quietSince >= opts.quietMs;
    if (!quiet) await sleep(200);
  }
  await load.stop();

  const attempts = load.attempts;
  const before = attempts.filter((a) => !a.ok && a.at + a.ms < fault.start);
  const failed = attempts.filter((a) => !a.ok);
  const lastFailure = lastFailureEnd(attempts);
  // Recovered once every request succeeded for `quietMs` (requests still in flight then count too).
  const recoveredAfterMs = lastFailure === undefined ? 0 : quiet ? Math.max(0, lastFailure - fault.end) : undefined;
  const failedMs = failed.map((a) => a.ms).sort((x, y) => x - y);
  const failures: Record<string, number> = {};
  for (const a of failed) failures[a.outcome] = (failures[a.outcome] ?? 0) + 1;
  const byKind: ScenarioResult['byKind'] = {};
  for (const a of attempts) {
    const kind = byKind[a.kind] ?? { requests: 0, failed: 0 };
    byKind[a.kind] = kind;
    kind.requests++;
    if (!a.ok) kind.failed++;
  }
  const [messages, jobs] = await Promise.all([
    reconcileMessages(opts.sql, load.messages),
    reconcileJobs(world.sms, load.codes, opts.jobsSettleMs),
  ]);
  const internalErrors = failed.filter((a) => INTERNAL.has(a.outcome)).length;
  const hung = failed.filter((a) => a.outcome === 'timeout').length;

  const problems: string[] = [];
  if (before.length) problems.push(`${before.length} requests failed before the fault`);
  if (internalErrors) problems.push(`${internalErrors} answered 500/internal`);
  if (hung) problems.push(`${hung} requests hung (no answer within 15 s)`);
  if (recoveredAfterMs === undefined) problems.push('requests kept failing until the end');
  else if (recoveredAfterMs > scenario.recoverWithinMs)
    problems.push(`recovered after ${recoveredAfterMs} ms, more than ${scenario.recoverWithinMs} ms`);
  if (readyAfterMs === undefined) problems.push('not every process became ready again');
  if (messages.lost) problems.push(`${messages.lost} acknowledged messages lost`);
  if (messages.doubled) problems.push(`${messages.doubled} messages stored twice`);
  if (jobs.lost) problems.push(`${jobs.lost} accepted SMS jobs never delivered`);
  if (jobs.doubled) problems.push(`${jobs.doubled} SMS requests made two jobs`);

  return {
    name: scenario.name,
    what: scenario.what,
    requests: attempts.length,
    failed: failed.length,
    failures,
    byKind,
    ...(failedMs.length ? { failedMs: { p50: percentile(failedMs, 0.5), max: failedMs.at(-1) ?? 0 } } : {}),
    internalErrors,
    hung,
    faultMs: fault.end - fault.start,
    recoveredAfterMs,
    readyAfterMs,
    messages,
    jobs,
    problems,
    failedRequests: failed.map((a) => ({ kind: a.kind, outcome: a.outcome, atMs: a.at - fault.start, ms: a.ms })),
  };
}
