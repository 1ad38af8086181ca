import { randomBytes } from 'node:crypto';
import { createClient, isApiError } from '@seed/client';
import postgres from 'postgres';
import { type LoadJob, type MeasuredLoad, runLoad } from '../lib/autocannon-runner.ts';
import { startBenchGateway } from '../lib/bench-servers.ts';
import { readLoopDelay, resetLoopDelay } from '../lib/loop-delay.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { type ManagedProcess, startNodeProcess } from '../lib/processes.ts';
import { type Check, type LoadRow, loadProblems, type ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const AUTH_ENTRY = new URL('../login-storm/auth-entry.ts', import.meta.url).pathname;
const ARGON2_SERVER = new URL('../login-storm/argon2-server.ts', import.meta.url).pathname;
const PASSWORD = 'bench password of a user';
/** Each login is ~60 ms of argon2id on a libuv thread; more connections would only queue. */
const MAX_CONNECTIONS = 16;
const MAX_LOOP_DELAY_P99_MS = 10;
const MIN_THROUGHPUT_RATIO = 0.7;

interface LoopDelays {
  gateway: number;
  auth: number;
}

/**
 * Logins through the cluster (gateway → NATS → auth: user lookup, lockout check, argon2id verify
 * off the event loop, session insert, token signing) against a process that only verifies the same
 * argon2id hash. Reports logins/s and the event-loop delay of gateway and auth during the storm.
 */
export const loginStorm: Scenario = {
  name: 'login-storm',
  title: 'POST /auth/login (argon2id) through gateway → auth vs argon2id verify alone',
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const connections = Math.min(settings.connections, MAX_CONNECTIONS);
    const job = (url: string, body: unknown): LoadJob => ({
      url,
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      connections,
      warmupS: settings.warmupS,
      durationS: settings.durationS,
      timeoutS: 30,
    });
    const rows: LoadRow[] = [];
    const notes = [
      `${connections} connections (argon2id m=19456 KiB t=2 p=1 is CPU-bound; more would only queue)`,
      'event-loop delay: lateness of 1 ms samples in each process over warm-up and measurement',
      'both run at most cores − 1 argon2id hashes at once (auth PASSWORD_HASH_CONCURRENCY default), leaving a core to the event loops',
    ];
    const problems: string[] = [];
    rows.push({ label: 'argon2 alone', load: await measureArgon2Alone(job) });
    let delays: LoopDelays | undefined;
    try {
      const cluster = await measureCluster(settings, job, notes);
      rows.push({ label: 'gateway → auth', load: cluster.load });
      delays = cluster.delays;
    } catch (err) {
      problems.push(`gateway → auth row not measured: ${(err as Error).message}`);
    }
    const [base, cluster] = rows.map((r) => r.load);
    return {
      scenario: this.name,
      title: this.title,
      settings: { ...settings, connections },
      rows,
      checks: base && cluster && delays ? checks(base, cluster, delays) : [],
      notes,
      problems: [...problems, ...rows.flatMap(loadProblems)],
    };
  },
};

async function measureArgon2Alone(job: (url: string, body: unknown) => LoadJob): Promise<MeasuredLoad> {
  const { proc, ready } = await startNodeProcess({
    name: 'argon2',
    entry: ARGON2_SERVER,
    env: { BENCH_PASSWORD: PASSWORD },
  });
  try {
    return await runLoad(job(`http://127.0.0.1:${ready.port}/login`, { password: PASSWORD }), { servers: [proc] });
  } finally {
    await proc.stop();
  }
}

async function measureCluster(
  settings: BenchSettings,
  job: (url: string, body: unknown) => LoadJob,
  notes: string[],
): Promise<{ load: MeasuredLoad; delays: LoopDelays }> {
  const admin = postgres(settings.databaseUrl, { max: 1, onnotice: () => {} });
  const dbName = `seed_bench_auth_${process.pid}`;
  const dbUrl = new URL(settings.databaseUrl);
  dbUrl.pathname = `/${dbName}`;
  const started: ManagedProcess[] = [];
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.unsafe(`create database "${dbName}"`);
    const nats = await startBenchNats();
    const redis = await startBenchRedis();
    for (const s of [nats, redis]) {
      if (s.proc) started.push(s.proc);
      if (s.note) notes.push(s.note);
    }
    const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
    const { proc: auth } = await startNodeProcess({
      name: 'auth',
      entry: AUTH_ENTRY,
      env: {
        DATABASE_URL: dbUrl.toString(),
        DATABASE_POOL_SIZE: String(Math.min(settings.poolSize, 20)),
        NATS_URL: nats.url,
        REDIS_URL: redis.url,
        AUTH_KEYS_SECRET: randomBytes(32).toString('base64url'),
        // One load generator on one address: the per-IP quotas must not answer it.
        LIMIT_LOGIN_PER_IP_PER_MIN: '1000000000',
        LIMIT_SIGNUP_PER_IP_PER_HOUR: '1000000000',
        LOG_LEVEL: logLevel,
      },
      readyTimeoutMs: 60_000,
    });
    started.push(auth);
    // Auth issues the tokens here: the gateway keeps its default issuer and audience.
    const { proc: gateway, url } = await startBenchGateway({
      natsUrl: nats.url,
      redisUrl: redis.url,
      benchTokens: false,
    });
    started.push(gateway);
    const base = `${url}/api/v1/auth`;
    const login = `storm_${process.pid}`;
    await signUp(url, login);
    // The user is verified directly and the verification email never leaves (no job stream here).
    const db = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
    await db`update auth.users set email_verified_at = now()`;
    await db`delete from auth.outbox`;
    await db.end();

    resetLoopDelay(gateway);
    resetLoopDelay(auth);
    const load = await runLoad(job(`${base}/login`, { login, password: PASSWORD }), {
      servers: [...started].reverse(),
    });
    const delays = { gateway: (await readLoopDelay(gateway)).p99Ms, auth: (await readLoopDelay(auth)).p99Ms };
    notes.push(`event-loop delay p99: gateway ${delays.gateway.toFixed(2)} ms, auth ${delays.auth.toFixed(2)} ms`);
    return { load, delays };
  } finally {
    for (const p of started.reverse()) await p.stop();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
    await admin.end();
  }
}

/** Signs the storm's user up through the typed client, retrying while the gateway has not yet found auth. */
async function signUp(gatewayUrl: string, nickname: string): Promise<void> {
  const client = createClient({ baseUrl: gatewayUrl });
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      await client.auth.account.create({ email: `${nickname}@bench.example`, password: PASSWORD, nickname });
      return;
    } catch (err) {
      last = isApiError(err) ? `${err.status} ${err.code}` : (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`signup through the gateway failed: ${last}`);
}

function checks(base: MeasuredLoad, cluster: MeasuredLoad, delays: LoopDelays): Check[] {
  const ratio = cluster.reqPerSec / base.reqPerSec;
  return [
    {
      name: 'logins/s gateway → auth ÷ argon2 alone',
      goal: `≥ ${MIN_THROUGHPUT_RATIO.toFixed(2)}×`,
      actual: `${ratio.toFixed(2)}× (${cluster.reqPerSec.toFixed(1)} logins/s)`,
      pass: ratio >= MIN_THROUGHPUT_RATIO,
    },
    ...(['gateway', 'auth'] as const).map((name) => ({
      name: `event-loop delay p99, ${name}`,
      goal: `< ${MAX_LOOP_DELAY_P99_MS} ms`,
      actual: `${delays[name].toFixed(2)} ms`,
      pass: delays[name] < MAX_LOOP_DELAY_P99_MS,
    })),
  ];
}
