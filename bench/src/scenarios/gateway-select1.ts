import { createBenchIdentity } from '../lib/access-token.ts';
import { type LoadJob, type MeasuredLoad, runLoad } from '../lib/autocannon-runner.ts';
import { benchServiceEnv } from '../lib/bench-servers.ts';
import type { CpuSource } from '../lib/cpu.ts';
import { startGatewayStack } from '../lib/gateway-stack.ts';
import { postgresBackends } from '../lib/postgres-backends.ts';
import { type BenchServer, startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { probe } from '../lib/probe.ts';
import { type ManagedProcess, ProcessFailedError, startNodeProcess } from '../lib/processes.ts';
import { cpuProfileOptions } from '../lib/profile-options.ts';
import { type Check, type LoadRow, loadProblems, type ScenarioReport, serverCpuPerRequestUs } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const PATH = '/api/v1/bench/ping';
const entry = (path: string) => new URL(path, import.meta.url).pathname;
const MONOLITH = entry('../monolith.ts');
const MOLECULER_SERVICE = entry('../moleculer/service-entry.ts');
const MOLECULER_GATEWAY = entry('../moleculer/gateway-entry.ts');
const MIN_RATIO_TO_CACHED_MONOLITH = 0.6;
const MIN_RATIO_TO_MOLECULER = 1.5;
const MAX_ADDED_P50_MS = 1;

/** Row labels; the targets compare the gateway with the cached monolith and with Moleculer. */
export const ROWS = {
  monolith: 'monolith, verify every request',
  cachedMonolith: 'monolith, cached tokens',
  moleculer: 'moleculer-web → NATS → moleculer',
  gateway: 'gateway → NATS → service',
} as const;

const answersSelect1 = (body: unknown) => (body as { data?: { value?: unknown } })?.data?.value === 1;

interface Run {
  serverEnv: Record<string, string>;
  headers: Record<string, string>;
  job(url: string): LoadJob;
  postgres: CpuSource;
  nats: BenchServer;
  redis: BenchServer;
}

const serverProcesses = (...servers: BenchServer[]) =>
  servers.map((s) => s.proc).filter((p): p is ManagedProcess => p !== undefined);

/**
 * The cost of the cluster's shape on the simplest authenticated read: gateway → NATS → service →
 * `select 1`, against three baselines doing the same work with the same token: one Fastify process
 * verifying the signature on every request, one remembering verified tokens as the gateway does,
 * and Moleculer (moleculer-web → NATS → service) with that same token cache.
 */
export const gatewaySelect1: Scenario = {
  name: 'gateway-select1',
  title: 'authenticated GET → select 1: gateway → NATS → service vs monoliths and Moleculer',
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const identity = await createBenchIdentity({ validForS: 3_600 });
    const applicationName = `seed-bench-${process.pid}`;
    const postgres = postgresBackends(settings.databaseUrl, applicationName);
    const headers = { authorization: `Bearer ${identity.accessToken}` };
    const notes = [
      'every row verifies the same EdDSA token and runs one select 1; all but the first remember verified ' +
        'tokens (expiry, key and session revocation in Redis checked on each use) and count the per-IP rate ' +
        'limit in Redis, as the gateway does',
    ];
    const problems: string[] = [];
    const rows: LoadRow[] = [];
    const started: ManagedProcess[] = [];
    try {
      const nats = await startBenchNats();
      const redis = await startBenchRedis();
      started.push(...serverProcesses(nats, redis));
      notes.push(...[nats.note, redis.note].filter((n): n is string => n !== undefined));
      const run: Run = {
        headers,
        postgres,
        nats,
        redis,
        serverEnv: {
          ...benchServiceEnv({
            databaseUrl: settings.databaseUrl,
            poolSize: settings.poolSize,
            applicationName,
            publicJwk: identity.publicJwk,
          }),
          NATS_URL: nats.url,
          REDIS_URL: redis.url,
        },
        job: (url) => ({
          url,
          headers,
          connections: settings.connections,
          warmupS: settings.warmupS,
          durationS: settings.durationS,
          timeoutS: 10,
        }),
      };
      // One setup at a time, so idle servers of another do not share the cores.
      const setups: [string, () => Promise<MeasuredLoad>][] = [
        [ROWS.monolith, () => measureMonolith(run, 'off')],
        [ROWS.cachedMonolith, () => measureMonolith(run, 'on')],
        [ROWS.moleculer, () => measureMoleculer(run)],
        [ROWS.gateway, () => measureGateway(run, notes)],
      ];
      const chosen = chosenRows(process.env.BENCH_SELECT1_ROWS);
      for (const [label, measure] of setups.filter(([label]) => chosen(label))) {
        try {
          rows.push({ label, load: await measure() });
        } catch (err) {
          // The other rows are still worth reporting.
          problems.push(`${label} not measured: ${describeFailure(err)}`);
        }
      }
    } finally {
      for (const p of started.reverse()) await p.stop();
      await postgres.close();
    }
    notes.push(...cpuNotes(rows));
    return {
      scenario: this.name,
      title: this.title,
      settings,
      rows,
      checks: compareToBaselines(rows),
      notes,
      problems: [...problems, ...rows.flatMap(loadProblems)],
    };
  },
};

async function measureSingle(
  run: Run,
  label: string,
  servers: ManagedProcess[],
  url: string,
  infrastructure: BenchServer[],
): Promise<MeasuredLoad> {
  await probe({ label, url, headers: run.headers, accept: answersSelect1 });
  return runLoad(run.job(url), { servers: [...servers, ...serverProcesses(...infrastructure)], cpu: [run.postgres] });
}

async function measureMonolith(run: Run, tokenCache: 'on' | 'off'): Promise<MeasuredLoad> {
  const { proc, ready } = await startNodeProcess({
    name: 'monolith',
    entry: MONOLITH,
    env: { ...run.serverEnv, BENCH_TOKEN_CACHE: tokenCache },
  });
  try {
    const url = `http://127.0.0.1:${ready.port}${PATH}`;
    return await measureSingle(run, 'monolith', [proc], url, tokenCache === 'on' ? [run.redis] : []);
  } finally {
    await proc.stop();
  }
}

async function measureMoleculer(run: Run): Promise<MeasuredLoad> {
  const started: ManagedProcess[] = [];
  try {
    const service = await startNodeProcess({ name: 'moleculer-service', entry: MOLECULER_SERVICE, env: run.serverEnv });
    started.push(service.proc);
    const api = await startNodeProcess({ name: 'moleculer-web', entry: MOLECULER_GATEWAY, env: run.serverEnv });
    started.push(api.proc);
    const url = `http://127.0.0.1:${api.ready.port}${PATH}`;
    return await measureSingle(run, 'moleculer', [api.proc, service.proc], url, [run.nats, run.redis]);
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}

async function measureGateway(run: Run, notes: string[]): Promise<MeasuredLoad> {
  const profiles = cpuProfileOptions(process.env.BENCH_CPU_PROF_DIR);
  const stack = await startGatewayStack({
    serverEnv: run.serverEnv,
    servers: { nats: run.nats, redis: run.redis },
    ...(profiles ? { nodeOptions: profiles.nodeOptions } : {}),
  });
  try {
    if (profiles) notes.push(`CPU profiles of gateway and bench service: ${profiles.dir}`);
    const url = `${stack.baseUrl}${PATH}`;
    await probe({ label: 'gateway', url, headers: run.headers, accept: answersSelect1 });
    return await runLoad(run.job(url), { servers: stack.processes, cpu: [run.postgres] });
  } finally {
    await stack.stop();
  }
}

/**
 * The rows `BENCH_SELECT1_ROWS` picks (comma-separated keys of ROWS, e.g. `cachedMonolith,gateway`
 * to profile or try a cut quickly); every row when unset.
 */
export function chosenRows(keys: string | undefined): (label: string) => boolean {
  if (!keys) return () => true;
  const labels = keys.split(',').map((key) => {
    const label = ROWS[key.trim() as keyof typeof ROWS];
    if (!label) throw new Error(`BENCH_SELECT1_ROWS: unknown row ${key} (known: ${Object.keys(ROWS).join(', ')})`);
    return label;
  });
  return (label) => labels.includes(label as (typeof labels)[number]);
}

const rowLoad = (rows: LoadRow[], label: string) => rows.find((r) => r.label === label)?.load;

/**
 * The scenario's targets, each against the baseline it names: gateway req/s ≥ 0.6× the cached
 * monolith's and ≥ 1.5× Moleculer's, at most 1 ms added to the cached monolith's p50. The ratio to
 * the monolith that verifies every request is reported, not judged.
 */
export function compareToBaselines(rows: LoadRow[]): Check[] {
  const gateway = rowLoad(rows, ROWS.gateway);
  if (!gateway) return [];
  const checks: Check[] = [];
  const ratio = (base: MeasuredLoad) => gateway.reqPerSec / base.reqPerSec;
  const cached = rowLoad(rows, ROWS.cachedMonolith);
  if (cached) {
    const addedP50 = gateway.p50Ms - cached.p50Ms;
    checks.push(
      {
        name: 'req/s gateway ÷ monolith with cached tokens (baseline 2)',
        goal: `≥ ${MIN_RATIO_TO_CACHED_MONOLITH.toFixed(2)}×`,
        actual: `${ratio(cached).toFixed(2)}×`,
        pass: ratio(cached) >= MIN_RATIO_TO_CACHED_MONOLITH,
      },
      {
        name: 'added p50, gateway − monolith with cached tokens (baseline 2)',
        goal: `≤ ${MAX_ADDED_P50_MS.toFixed(2)} ms`,
        actual: `${addedP50.toFixed(2)} ms`,
        pass: addedP50 <= MAX_ADDED_P50_MS,
      },
    );
  }
  const moleculer = rowLoad(rows, ROWS.moleculer);
  if (moleculer)
    checks.push({
      name: 'req/s gateway ÷ Moleculer (baseline 3)',
      goal: `≥ ${MIN_RATIO_TO_MOLECULER.toFixed(2)}×`,
      actual: `${ratio(moleculer).toFixed(2)}×`,
      pass: ratio(moleculer) >= MIN_RATIO_TO_MOLECULER,
    });
  const monolith = rowLoad(rows, ROWS.monolith);
  if (monolith)
    checks.push({
      name: 'req/s gateway ÷ monolith verifying every request (baseline 1)',
      goal: 'reported',
      actual: `${ratio(monolith).toFixed(2)}×`,
      pass: true,
    });
  return checks;
}

/**
 * CPU per request of each setup against the gateway stack's: where CPU is the limit and nothing
 * else runs, req/s ratios tend to the inverse of these, and unlike req/s they hardly move with
 * other load on the machine.
 */
export function cpuNotes(rows: LoadRow[]): string[] {
  const gateway = rowLoad(rows, ROWS.gateway);
  if (!gateway) return [];
  const gatewayUs = serverCpuPerRequestUs(gateway);
  return rows
    .filter((r) => r.label !== ROWS.gateway)
    .map((r) => {
      const baseUs = serverCpuPerRequestUs(r.load);
      return (
        `CPU per request, servers: gateway stack ${Math.round(gatewayUs)} µs vs ${r.label} ${Math.round(baseUs)} µs ` +
        `(${(gatewayUs / baseUs).toFixed(2)}×); CPU-bound, gateway req/s would approach ${(baseUs / gatewayUs).toFixed(2)}× this baseline's`
      );
    });
}

function describeFailure(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  if (!(err instanceof ProcessFailedError) || !err.output) return message;
  return `${message}\n${err.output.trimEnd().split('\n').slice(-30).join('\n')}`;
}
