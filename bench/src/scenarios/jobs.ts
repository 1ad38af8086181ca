import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadChild, startLoadChild } from '../chat-fanout/load-child.ts';
import { type JobRunSummary, summarizeJobRuns } from '../jobs/job-runs.ts';
import type { Produced, RelaySwitched, WorkerCount, WorkerRuns } from '../jobs/jobs-protocol.ts';
import { createRunDatabase } from '../lib/bench-servers.ts';
import { type CpuSource, cpuBetween, snapshotCpu } from '../lib/cpu.ts';
import { postgresBackends } from '../lib/postgres-backends.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import type { ManagedProcess } from '../lib/processes.ts';
import { cpuProfileOptions } from '../lib/profile-options.ts';
import type { Check, ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const PRODUCER = entry('../jobs/producer-entry.ts');
const WORKER = entry('../jobs/worker-entry.ts');
const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const WARMUP_JOBS = 1_000;
const WORKERS = 2;
const MIN_JOBS_PER_SEC = 5_000;

const processSource = (name: string, pid: number): CpuSource => ({ name, pids: () => [pid] });

interface Phase {
  summary: JobRunSummary;
  cpuMs: Record<string, number>;
}

/**
 * Jobs end to end: a producer writes no-op jobs to its outbox in transactions while its outbox
 * relay publishes them to JOBS and two worker replicas run them with the runtime's job consumer
 * (done-records in Redis) — enqueue → run latency, and whether any job was lost or run twice —
 * then the same number again as a backlog written while the relay was paused and released at
 * once, which measures what relay, JOBS and workers can carry without the producer setting the pace.
 */
export const jobs: Scenario = {
  name: 'jobs',
  title: `${JOBS.toLocaleString('en-US')} no-op jobs: outbox → relay → JOBS → ${WORKERS} worker replicas`,
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const jobCount = settings.quick ? Math.min(JOBS, 5_000) : JOBS;
    const storeDir = mkdtempSync(join(tmpdir(), 'bench-jobs-'));
    let database: Awaited<ReturnType<typeof createRunDatabase>> | undefined;
    const applicationName = `seed-bench-jobs-${process.pid}`;
    const pg = postgresBackends(settings.databaseUrl, applicationName);
    const started: ManagedProcess[] = [];
    const children: LoadChild[] = [];
    try {
      const nats = await startBenchNats({ jetstreamDir: storeDir });
      const redis = await startBenchRedis();
      if (!nats.proc || !redis.proc) throw new Error('the jobs scenario needs nats-server and redis-server binaries');
      started.push(nats.proc, redis.proc);
      database = await createRunDatabase(settings.databaseUrl, `seed_bench_jobs_${process.pid}`);
      const profiles = cpuProfileOptions(process.env.BENCH_CPU_PROF_DIR);
      const env = {
        NATS_URL: nats.url,
        REDIS_URL: redis.url,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        // Producer and workers write CPU.<date>.<pid>….cpuprofile as they stop.
        ...(profiles ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles.dir}` } : {}),
      };
      const producer = startLoadChild(PRODUCER, {
        ...env,
        DATABASE_URL: database.url,
        BENCH_DB_APPLICATION_NAME: applicationName,
      });
      children.push(producer);
      await producer.next('ready');
      const workers = Array.from({ length: WORKERS }, () => startLoadChild(WORKER, env));
      children.push(...workers);
      await Promise.all(workers.map((w) => w.next('ready')));
      const sources = [
        processSource('producer + relay', producer.pid),
        ...workers.map((w, i) => processSource(`worker-${i + 1}`, w.pid)),
        processSource('nats-server', nats.proc.pid),
        processSource('redis-server', redis.proc.pid),
        pg,
      ];

      const ask = <M extends { type: string }>(child: LoadChild, msg: object, reply: M['type']) => {
        child.send(msg);
        return child.next<M>(reply);
      };
      const produce = (from: number, count: number) =>
        ask<Produced>(producer, { type: 'produce', from, jobs: count }, 'produced');
      const switchRelay = (type: 'pause-relay' | 'start-relay') => ask<RelaySwitched>(producer, { type }, 'relay');
      const waitForRuns = async (count: number) => {
        const deadline = Date.now() + 60_000 + count * 5;
        while (Date.now() < deadline) {
          const counts = await Promise.all(workers.map((w) => ask<WorkerCount>(w, { type: 'count' }, 'count')));
          if (counts.reduce((sum, c) => sum + c.runs, 0) >= count) return;
          await sleep(50);
        }
      };
      const collect = async (batch: { first: number; jobs: number; since: number }, before: Promise<unknown>) => {
        const cpuMs = cpuBetween((await before) as Awaited<ReturnType<typeof snapshotCpu>>, await snapshotCpu(sources));
        // A job run twice would show up a little later than the last first run.
        await sleep(1_000);
        const runs = await Promise.all(workers.map((w) => ask<WorkerRuns>(w, { type: 'report' }, 'runs')));
        for (const w of workers) w.send({ type: 'reset' });
        return { summary: summarizeJobRuns(batch, runs), cpuMs };
      };

      await Promise.all([produce(0, WARMUP_JOBS), waitForRuns(WARMUP_JOBS)]);
      await sleep(500);
      for (const w of workers) w.send({ type: 'reset' });

      // Steady: written and carried at once.
      const steadyBefore = snapshotCpu(sources);
      const [produced] = await Promise.all([produce(WARMUP_JOBS, jobCount), waitForRuns(jobCount)]);
      const steady = await collect({ first: WARMUP_JOBS, jobs: jobCount, since: produced.firstAt }, steadyBefore);

      // Backlog: written with the relay paused, then released.
      await switchRelay('pause-relay');
      const backlogFirst = WARMUP_JOBS + jobCount;
      await produce(backlogFirst, jobCount);
      const backlogBefore = snapshotCpu(sources);
      const releasedAt = Date.now();
      await switchRelay('start-relay');
      await waitForRuns(jobCount);
      const backlog = await collect({ first: backlogFirst, jobs: jobCount, since: releasedAt }, backlogBefore);

      return {
        scenario: this.name,
        title: this.title,
        settings,
        rows: [],
        checks: jobChecks(steady.summary, backlog.summary),
        notes: [
          ...jobNotes(jobCount, produced, steady, backlog),
          ...(profiles
            ? [
                `CPU profiles in ${profiles.dir}: producer ${producer.pid}, workers ${workers.map((w) => w.pid).join(', ')}`,
              ]
            : []),
        ],
        problems: [],
      };
    } finally {
      for (const c of children) c.stop();
      await sleep(500);
      for (const p of started.reverse()) await p.stop();
      await pg.close();
      await database?.drop();
      rmSync(storeDir, { recursive: true, force: true });
    }
  },
};

function jobNotes(jobCount: number, produced: Produced, steady: Phase, backlog: Phase): string[] {
  const writeSeconds = (produced.lastAt - produced.firstAt) / 1000;
  const perJob = (p: Phase) =>
    Object.entries(p.cpuMs)
      .map(([name, ms]) => `${name} ${Math.round((ms * 1000) / jobCount)}`)
      .join(', ');
  const s = steady.summary;
  return [
    `steady: the producer wrote ${jobCount.toLocaleString('en-US')} jobs in ${writeSeconds.toFixed(2)} s ` +
      `(${Math.round(jobCount / writeSeconds).toLocaleString('en-US')} jobs/s; ${process.env.BENCH_JOBS_PER_TRANSACTION ?? 10} per ` +
      `transaction, ${process.env.BENCH_JOBS_CONCURRENT_TRANSACTIONS ?? 4} transactions at once, relay in the same process); ` +
      `${Math.round(s.jobsPerSec).toLocaleString('en-US')} jobs/s run; enqueue → run p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ` +
      `max ${s.maxMs} ms; runs per worker ${s.perWorker.join(', ')}`,
    `steady, CPU µs per job: ${perJob(steady)}`,
    `backlog released at once: ${Math.round(backlog.summary.jobsPerSec).toLocaleString('en-US')} jobs/s; runs per worker ` +
      `${backlog.summary.perWorker.join(', ')}; CPU µs per job: ${perJob(backlog)}`,
  ];
}

/**
 * ≥ 5,000 jobs/s through relay, JOBS and workers (the released backlog, so the producer's writes
 * do not set the pace), none lost and none run twice in either phase; steady p99 reported.
 */
export function jobChecks(steady: JobRunSummary, backlog: JobRunSummary): Check[] {
  return [
    {
      name: 'jobs/s, backlog released → last run',
      goal: `≥ ${MIN_JOBS_PER_SEC.toLocaleString('en-US')}`,
      actual: Math.round(backlog.jobsPerSec).toLocaleString('en-US'),
      pass: backlog.jobsPerSec >= MIN_JOBS_PER_SEC,
    },
    {
      name: 'jobs/s, steady (written while carried)',
      goal: 'reported',
      actual: Math.round(steady.jobsPerSec).toLocaleString('en-US'),
      pass: true,
    },
    { name: 'p99 enqueue → run, steady', goal: 'reported', actual: `${steady.p99Ms} ms`, pass: true },
    {
      name: 'jobs lost',
      goal: '0',
      actual: String(steady.lost + backlog.lost),
      pass: steady.lost + backlog.lost === 0,
    },
    {
      name: 'jobs run twice',
      goal: '0',
      actual: String(steady.ranTwice + backlog.ranTwice),
      pass: steady.ranTwice + backlog.ranTwice === 0,
    },
  ];
}
