import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchIdentity } from '../lib/access-token.ts';
import { type LoadJob, type MeasuredLoad, runLoad } from '../lib/autocannon-runner.ts';
import { benchServiceEnv, createRunDatabase } from '../lib/bench-servers.ts';
import { startGatewayStack } from '../lib/gateway-stack.ts';
import { postgresBackends } from '../lib/postgres-backends.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { probe } from '../lib/probe.ts';
import type { ManagedProcess } from '../lib/processes.ts';
import { cpuProfileOptions } from '../lib/profile-options.ts';
import { type Check, type LoadRow, loadProblems, type ScenarioReport, serverCpuPerRequestUs } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import { startNpmStartCluster } from '../routes/npm-start-cluster.ts';
import { type RoutesData, seedRoutesData } from '../routes/seed-routes-data.ts';
import type { Scenario } from './scenario.ts';

const MAX_CPU_RATIO = 1.3;
const SEEDED_MESSAGES = 20;
export const BENCH_PATH = 'bench path: GET /bench/ping (select 1)';
const LOG_PIPING = 'cluster.ts (log piping)';

interface Route {
  label: string;
  /** Reads are held to the bench path's CPU per request; writes are reported. */
  read: boolean;
  job(data: RoutesData): Pick<LoadJob, 'url' | 'method' | 'body' | 'idReplacement'>;
}

const routes: Route[] = [
  { label: 'GET /users/me', read: true, job: () => ({ url: '/api/v1/users/me' }) },
  { label: 'GET /playco/playlists/:id', read: true, job: (d) => ({ url: `/api/v1/playco/playlists/${d.playlistId}` }) },
  {
    label: `GET /chat/rooms/:id/messages (${SEEDED_MESSAGES} messages)`,
    read: true,
    job: (d) => ({ url: `/api/v1/chat/rooms/${d.roomId}/messages` }),
  },
  {
    label: 'POST /chat/rooms/:id/messages',
    read: false,
    job: (d) => ({
      url: `/api/v1/chat/rooms/${d.roomId}/messages`,
      method: 'POST',
      body: JSON.stringify({ clientMsgId: 'bench-[<id>]', text: 'hello from the bench' }),
      idReplacement: true,
    }),
  },
];

/**
 * The product's real routes through the real services, as `npm start` runs them (scripts/cluster.ts
 * launching every service and piping their info-level logs), against the bench path
 * (gateway-select1's gateway → bench service → `select 1`) measured in the same run. Reports CPU
 * per request per process, and `GET /users/me` once more with the cluster at LOG_LEVEL=warn.
 */
export const routesScenario: Scenario = {
  name: 'routes',
  title: 'real routes on the npm start cluster vs the bench path',
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const rows: LoadRow[] = [];
    const notes: string[] = [];
    const problems: string[] = [];
    const job = (url: string, headers: Record<string, string>, extra: Partial<LoadJob> = {}): LoadJob => ({
      url,
      headers: { ...headers, ...(extra.body ? { 'content-type': 'application/json' } : {}) },
      connections: settings.connections,
      warmupS: settings.warmupS,
      durationS: settings.durationS,
      timeoutS: 10,
      ...extra,
    });
    rows.push({ label: BENCH_PATH, load: await measureBenchPath(settings, job) });

    const storeDir = mkdtempSync(join(tmpdir(), 'bench-routes-'));
    const dbName = `seed_bench_routes_${process.pid}`;
    const pg = postgresBackends(settings.databaseUrl, { database: dbName });
    let database: Awaited<ReturnType<typeof createRunDatabase>> | undefined;
    const started: ManagedProcess[] = [];
    try {
      database = await createRunDatabase(settings.databaseUrl, dbName);
      const dbUrl = database.url;
      const nats = await startBenchNats({ jetstreamDir: storeDir });
      const redis = await startBenchRedis();
      if (!nats.proc || !redis.proc) throw new Error('the routes scenario needs nats-server and redis-server binaries');
      started.push(nats.proc, redis.proc);
      const profiles = cpuProfileOptions(process.env.BENCH_CPU_PROF_DIR);
      const clusterEnv = (logLevel: string) => ({
        // Every service writes CPU.<date>.<pid>….cpuprofile on exit; the notes map pids to services.
        ...(profiles ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles.dir}` } : {}),
        DATABASE_URL: dbUrl,
        NATS_URL: nats.url,
        REDIS_URL: redis.url,
        LOG_LEVEL: logLevel,
        // One load generator on one address: the per-IP and per-user limits must not answer it.
        RATE_LIMIT_MAX: '1000000000',
        LIMIT_SIGNUP_PER_IP_PER_HOUR: '1000000000',
        LIMIT_LOGIN_PER_IP_PER_MIN: '1000000000',
        SEND_RATE_MAX: '1000000000',
      });
      const measureCluster = async (logLevel: string, chosen: Route[], data?: RoutesData) => {
        const cluster = await startNpmStartCluster(clusterEnv(logLevel));
        try {
          data ??= await seedRoutesData(cluster.baseUrl, dbUrl, SEEDED_MESSAGES);
          if (profiles) notes.push(`CPU profiles in ${profiles.dir}, LOG_LEVEL=${logLevel}: ${cluster.describePids()}`);
          const headers = { authorization: `Bearer ${data.accessToken}` };
          const servers = [nats.proc!, redis.proc!];
          for (const route of chosen) {
            const { url, ...rest } = route.job(data);
            const label = logLevel === 'info' ? route.label : `${route.label}, LOG_LEVEL=${logLevel}`;
            if (!rest.method) await probe({ label, url: `${cluster.baseUrl}${url}`, headers, accept: () => true });
            const load = await runLoad(job(`${cluster.baseUrl}${url}`, headers, rest), {
              servers,
              cpu: [...cluster.cpuSources(), pg],
            });
            rows.push({ label, load });
          }
          return data;
        } finally {
          await cluster.stop();
        }
      };
      const chosen = routes.filter((r) => chosenRoute(process.env.BENCH_ROUTES, r.label));
      const data = await measureCluster('info', chosen);
      if (chosen.includes(routes[0]!)) await measureCluster('warn', routes.slice(0, 1), data);
    } catch (err) {
      problems.push(`cluster rows not measured: ${(err as Error).message}`);
    } finally {
      for (const p of started.reverse()) await p.stop();
      await pg.close();
      await database?.drop();
      rmSync(storeDir, { recursive: true, force: true });
    }
    notes.push(
      'the cluster runs as npm start runs it (LOG_LEVEL=info, every line piped through scripts/cluster.ts), ' +
        'its rate limits lifted for the one load generator; the bench path runs at LOG_LEVEL=warn as in gateway-select1',
      ...pipingNotes(rows, settings.durationS),
    );
    return {
      scenario: this.name,
      title: this.title,
      settings,
      rows,
      checks: routeChecks(rows, new Set(routes.filter((r) => r.read).map((r) => r.label))),
      notes,
      problems: [...problems, ...rows.flatMap(loadProblems)],
    };
  },
};

/** Whether BENCH_ROUTES (comma-separated parts of route labels, e.g. `users/me,messages`) picks a route; all when unset. */
export function chosenRoute(filter: string | undefined, label: string): boolean {
  if (!filter) return true;
  return filter.split(',').some((part) => part.trim() && label.includes(part.trim()));
}

async function measureBenchPath(
  settings: BenchSettings,
  job: (url: string, headers: Record<string, string>) => LoadJob,
): Promise<MeasuredLoad> {
  const identity = await createBenchIdentity({ validForS: 3_600 });
  const applicationName = `seed-bench-routes-${process.pid}`;
  const pg = postgresBackends(settings.databaseUrl, applicationName);
  const stack = await startGatewayStack({
    serverEnv: benchServiceEnv({
      databaseUrl: settings.databaseUrl,
      poolSize: settings.poolSize,
      applicationName,
      publicJwk: identity.publicJwk,
    }),
  });
  try {
    const url = `${stack.baseUrl}/api/v1/bench/ping`;
    const headers = { authorization: `Bearer ${identity.accessToken}` };
    await probe({ label: 'bench path', url, headers, accept: () => true });
    return await runLoad(job(url, headers), { servers: stack.processes, cpu: [pg] });
  } finally {
    await stack.stop();
    await pg.close();
  }
}

/** How busy the log-piping launcher was, and what it cost per request, in each cluster row. */
export function pipingNotes(rows: LoadRow[], durationS: number): string[] {
  return rows
    .filter((r) => r.load.cpuMs[LOG_PIPING] !== undefined)
    .map((r) => {
      const ms = r.load.cpuMs[LOG_PIPING]!;
      const core = ms / (durationS * 1000);
      return (
        `${r.label}: scripts/cluster.ts used ${Math.round((ms * 1000) / Math.max(1, r.load.requests))} µs per request, ` +
        `${Math.round(core * 100)}% of one core — ${core > 0.8 ? 'it may be what limits the cluster' : 'not what limits the cluster'}`
      );
    });
}

/**
 * Each real read within 1.3× of the bench path's server CPU per request (the load generator left
 * out); writes reported against it too.
 */
export function routeChecks(rows: LoadRow[], reads: Set<string>): Check[] {
  const bench = rows.find((r) => r.label === BENCH_PATH)?.load;
  if (!bench) return [];
  const benchUs = serverCpuPerRequestUs(bench);
  return rows
    .filter((r) => r.label !== BENCH_PATH)
    .map((r) => {
      const us = serverCpuPerRequestUs(r.load);
      const ratio = us / benchUs;
      const judged = reads.has(r.label);
      return {
        name: `server CPU per request, ${r.label} ÷ bench path`,
        goal: judged ? `≤ ${MAX_CPU_RATIO}×` : 'reported',
        actual: `${ratio.toFixed(2)}× (${Math.round(us)} vs ${Math.round(benchUs)} µs)`,
        pass: !judged || ratio <= MAX_CPU_RATIO,
      };
    });
}
