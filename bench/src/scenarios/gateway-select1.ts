import { createBenchIdentity, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../lib/access-token.ts';
import { type LoadJob, type MeasuredLoad, runLoad } from '../lib/autocannon-runner.ts';
import type { CpuSource } from '../lib/cpu.ts';
import { startGatewayStack } from '../lib/gateway-stack.ts';
import { postgresBackends } from '../lib/postgres-backends.ts';
import { probe } from '../lib/probe.ts';
import { ProcessFailedError, startNodeProcess } from '../lib/processes.ts';
import { type Check, type LoadRow, loadProblems, type ScenarioReport, serverCpuPerRequestUs } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const PATH = '/api/v1/bench/ping';
const MONOLITH = new URL('../monolith.ts', import.meta.url).pathname;
const MIN_THROUGHPUT_RATIO = 0.6;
const MAX_ADDED_P50_MS = 0.5;

const answersSelect1 = (body: unknown) => (body as { data?: { value?: unknown } })?.data?.value === 1;

interface Run {
  serverEnv: Record<string, string>;
  headers: Record<string, string>;
  job(url: string): LoadJob;
  postgres: CpuSource;
}

/**
 * The cost of the cluster's shape on the simplest authenticated read: gateway → NATS → service →
 * `select 1`, against one Fastify process that verifies the same token and runs the same query.
 */
export const gatewaySelect1: Scenario = {
  name: 'gateway-select1',
  title: 'authenticated GET → select 1, gateway → NATS → service vs one Fastify process',
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const identity = await createBenchIdentity({ validForS: 3_600 });
    const applicationName = `seed-bench-${process.pid}`;
    const postgres = postgresBackends(settings.databaseUrl, applicationName);
    const headers = { authorization: `Bearer ${identity.accessToken}` };
    const run: Run = {
      headers,
      postgres,
      serverEnv: {
        DATABASE_URL: settings.databaseUrl,
        DATABASE_POOL_SIZE: String(settings.poolSize),
        BENCH_DB_APPLICATION_NAME: applicationName,
        BENCH_PUBLIC_JWK: JSON.stringify(identity.publicJwk),
        BENCH_TOKEN_ISSUER: TOKEN_ISSUER,
        BENCH_TOKEN_AUDIENCE: TOKEN_AUDIENCE,
        PORT: '0',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
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
    const notes = [
      'both verify the same EdDSA token with jose and run one select 1; the gateway also counts the per-IP ' +
        'rate limit and checks session revocation in Redis, as in production',
    ];
    const problems: string[] = [];
    const rows: LoadRow[] = [];
    try {
      // One setup at a time, so idle servers of the other do not share the cores.
      rows.push({ label: 'monolith', load: await measureMonolith(run) });
      try {
        rows.push({ label: 'gateway', load: await measureGateway(run, notes) });
      } catch (err) {
        // The baseline is still worth reporting.
        problems.push(`gateway row not measured: ${describeFailure(err)}`);
      }
    } finally {
      await postgres.close();
    }
    const [base, gateway] = rows.map((r) => r.load);
    if (base && gateway) notes.push(cpuBoundEstimate(base, gateway));
    return {
      scenario: this.name,
      title: this.title,
      settings,
      rows,
      checks: base && gateway ? compareToBaseline(base, gateway) : [],
      notes,
      problems: [...problems, ...rows.flatMap(loadProblems)],
    };
  },
};

async function measureMonolith(run: Run): Promise<MeasuredLoad> {
  const { proc, ready } = await startNodeProcess({ name: 'monolith', entry: MONOLITH, env: run.serverEnv });
  try {
    const url = `http://127.0.0.1:${ready.port}${PATH}`;
    await probe({ label: 'monolith', url, headers: run.headers, accept: answersSelect1 });
    return await runLoad(run.job(url), { servers: [proc], cpu: [run.postgres] });
  } finally {
    await proc.stop();
  }
}

async function measureGateway(run: Run, notes: string[]): Promise<MeasuredLoad> {
  const stack = await startGatewayStack({
    serverEnv: run.serverEnv,
    token: { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
  });
  try {
    notes.push(...stack.notes);
    const url = `${stack.baseUrl}${PATH}`;
    await probe({ label: 'gateway', url, headers: run.headers, accept: answersSelect1 });
    return await runLoad(run.job(url), { servers: stack.processes, cpu: [run.postgres] });
  } finally {
    await stack.stop();
  }
}

/** The scenario's targets: gateway throughput ≥ 0.6× the monolith's, at most 0.5 ms added to p50. */
export function compareToBaseline(base: MeasuredLoad, gateway: MeasuredLoad): Check[] {
  const ratio = gateway.reqPerSec / base.reqPerSec;
  const addedP50 = gateway.p50Ms - base.p50Ms;
  return [
    {
      name: 'req/s gateway ÷ monolith',
      goal: `≥ ${MIN_THROUGHPUT_RATIO.toFixed(2)}×`,
      actual: `${ratio.toFixed(2)}×`,
      pass: ratio >= MIN_THROUGHPUT_RATIO,
    },
    {
      name: 'added p50 (gateway − monolith)',
      goal: `≤ ${MAX_ADDED_P50_MS.toFixed(2)} ms`,
      actual: `${addedP50.toFixed(2)} ms`,
      pass: addedP50 <= MAX_ADDED_P50_MS,
    },
  ];
}

/**
 * What the req/s ratio tends to where CPU is the limit and nothing else runs: the inverse ratio of
 * CPU per request. Unlike req/s it hardly moves with other load on the machine.
 */
function cpuBoundEstimate(base: MeasuredLoad, gateway: MeasuredLoad): string {
  const baseUs = serverCpuPerRequestUs(base);
  const gatewayUs = serverCpuPerRequestUs(gateway);
  return (
    `CPU per request: monolith ${Math.round(baseUs)} µs, gateway stack ${Math.round(gatewayUs)} µs; ` +
    `CPU-bound, gateway req/s would approach ${(baseUs / gatewayUs).toFixed(2)}× the monolith's`
  );
}

function describeFailure(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  if (!(err instanceof ProcessFailedError) || !err.output) return message;
  return `${message}\n${err.output.trimEnd().split('\n').slice(-30).join('\n')}`;
}
