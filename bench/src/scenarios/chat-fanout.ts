import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FanoutResult, runFanout } from '../chat-fanout/fanout-run.ts';
import type { IdleMessage } from '../chat-fanout/idle-load.ts';
import { startLoadChild } from '../chat-fanout/load-child.ts';
import { rssBytes } from '../chat-fanout/rss.ts';
import { signUserTokens } from '../lib/access-token.ts';
import { createRunDatabase, startBenchChat, startBenchGateway } from '../lib/bench-servers.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { type ManagedProcess, startNodeProcess } from '../lib/processes.ts';
import type { Check, ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const BARE_ENTRY = entry('../chat-fanout/bare-socketio-entry.ts');
const IDLE_ENTRY = entry('../chat-fanout/idle-load.ts');
const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1000);
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2000);
const IDLE_WARMUP_SOCKETS = 200;
const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 20);
/** The receivers are spread over this many load generator processes. */
const RECEIVER_PROCESSES = Number(process.env.BENCH_FANOUT_RECEIVER_PROCESSES ?? 2);
const MAX_P99_RATIO = 1.5;
const MAX_KIB_PER_SOCKET = 50;
/** The capacity the memory target stands for: 10,000 sockets in 600 MB. */
const CAPACITY_SOCKETS = 10_000;
const CAPACITY_MB = 600;

export interface IdleMemory {
  /** RSS growth from no socket to all of them, per socket. */
  perSocket: number;
  /** RSS growth per socket connected after the warm-up batch (without one-time costs). */
  marginal: number;
  /** The server's RSS before any socket connected. */
  base: number;
  /** The server's whole RSS with every idle socket connected. */
  total: number;
  sockets: number;
}

export interface Phase {
  result: FanoutResult;
  idle: IdleMemory;
  /** CPU ms of each server process while the sender ran. */
  cpuMs: Record<string, number>;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
/** RSS with `n` idle sockets, from one server's measured growth per socket. */
const projectedRss = (m: IdleMemory, n: number) => m.total + (n - m.sockets) * m.perSocket;

/**
 * One room of 1,000 sockets spread over two gateway replicas, one member posting 20 msg/s through
 * the whole path (gateway → NATS → chat → PostgreSQL → NATS → gateways → sockets), against one bare
 * Socket.IO server relaying the same messages to the same sockets. Reports send → receive latency
 * and, before that, the resident memory of one server holding idle (authenticated) sockets.
 */
export const chatFanout: Scenario = {
  name: 'chat-fanout',
  title: `chat room fan-out: ${CLIENTS} sockets on 2 gateways at ${RATE} msg/s vs one bare Socket.IO server`,
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const notes: string[] = [];
    const problems: string[] = [];
    const bare = await measure('bare', settings, notes).catch((err: Error) => {
      problems.push(`bare Socket.IO not measured: ${err.message}`);
      return undefined;
    });
    const chat = await measure('chat', settings, notes).catch((err: Error) => {
      problems.push(`chat not measured: ${err.message}`);
      return undefined;
    });
    for (const [label, phase] of [
      ['bare', bare],
      ['chat', chat],
    ] as const) {
      if (!phase) continue;
      const r = phase.result;
      const cpu = Object.keys(phase.cpuMs)
        .map((name) => `${name} ${cpuPerDeliveryUs(phase, (n) => n === name).toFixed(1)}`)
        .join(', ');
      notes.push(
        `${label}: sent ${r.sent}, received ${r.received}/${r.expected} in the measured window, duplicates ${r.duplicates}; ` +
          `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms; ` +
          `first socket of each message p50 ${r.firstP50Ms} ms, p99 ${r.firstP99Ms} ms; ` +
          (r.ackP50Ms === undefined ? '' : `sender's ack p50 ${r.ackP50Ms} ms, p99 ${r.ackP99Ms} ms; `) +
          `CPU µs per delivery: ${cpu}`,
        `${label}: one server, RSS ${mb(phase.idle.base)} before sockets, ${mb(phase.idle.total)} with ${phase.idle.sockets} idle ones: ` +
          `${kib(phase.idle.perSocket)} per socket (${kib(phase.idle.marginal)} each beyond the first ${IDLE_WARMUP_SOCKETS})`,
      );
      if (r.received < r.expected) problems.push(`${label}: ${r.expected - r.received} deliveries missing`);
      if (r.duplicates > 0) problems.push(`${label}: ${r.duplicates} duplicate deliveries`);
    }
    return {
      scenario: this.name,
      title: this.title,
      settings,
      rows: [],
      checks: bare && chat ? checks(bare, chat) : [],
      notes,
      problems,
    };
  },
};

/** CPU µs per delivered message of the server processes `which` picks, over the sender's run. */
export function cpuPerDeliveryUs(phase: Phase, which: (name: string) => boolean): number {
  const deliveries = Math.max(1, phase.result.sent * (CLIENTS + 1));
  const ms = Object.entries(phase.cpuMs)
    .filter(([name]) => which(name))
    .reduce((sum, [, spent]) => sum + spent, 0);
  return (ms * 1000) / deliveries;
}

const isGateway = (name: string) => name.startsWith('gateway');
const isServer = (name: string) => name !== 'receivers';

/**
 * The fan-out's targets, against the bare Socket.IO server of the same run: chat's p99 at most
 * 1.5× the bare server's, and the gateways' CPU per delivery below the bare server's (the
 * gateways do its job; chat's own work is per message, reported with the whole cluster's).
 */
export function checks(bare: Phase, chat: Phase): Check[] {
  const [c, b] = [chat.result, bare.result];
  const us = (n: number) => `${n.toFixed(1)} µs`;
  const gatewaysUs = cpuPerDeliveryUs(chat, isGateway);
  const bareUs = cpuPerDeliveryUs(bare, isServer);
  const clusterUs = cpuPerDeliveryUs(chat, isServer);
  return [
    {
      name: 'p99 send → receive, chat ÷ bare',
      goal: `≤ ${MAX_P99_RATIO}×`,
      actual: `${(c.p99Ms / b.p99Ms).toFixed(2)}× (${c.p99Ms} vs ${b.p99Ms} ms)`,
      pass: c.p99Ms <= MAX_P99_RATIO * b.p99Ms,
    },
    {
      name: 'p50 send → receive, chat ÷ bare',
      goal: 'reported',
      actual: `${(c.p50Ms / b.p50Ms).toFixed(2)}× (${c.p50Ms} vs ${b.p50Ms} ms)`,
      pass: true,
    },
    {
      name: 'CPU per delivery, both gateways vs bare server',
      goal: '< bare',
      actual: `${us(gatewaysUs)} vs ${us(bareUs)} (${(gatewaysUs / bareUs).toFixed(2)}×)`,
      pass: gatewaysUs < bareUs,
    },
    {
      name: 'CPU per delivery, gateways + chat vs bare server',
      goal: 'reported',
      actual: `${us(clusterUs)} vs ${us(bareUs)} (${(clusterUs / bareUs).toFixed(2)}×)`,
      pass: true,
    },
    {
      name: 'RSS per idle authenticated socket, one gateway',
      goal: `≤ ${MAX_KIB_PER_SOCKET} KiB`,
      actual: `${kib(chat.idle.perSocket)} (bare ${kib(bare.idle.perSocket)})`,
      pass: chat.idle.perSocket <= MAX_KIB_PER_SOCKET * 1024,
    },
    {
      name: `RSS of one gateway with ${CAPACITY_SOCKETS.toLocaleString('en-US')} idle sockets (projected)`,
      goal: `≤ ${CAPACITY_MB} MB`,
      actual: `${mb(projectedRss(chat.idle, CAPACITY_SOCKETS))} (bare ${mb(projectedRss(bare.idle, CAPACITY_SOCKETS))})`,
      pass: projectedRss(chat.idle, CAPACITY_SOCKETS) <= CAPACITY_MB * 1024 * 1024,
    },
  ];
}

async function measure(mode: 'bare' | 'chat', settings: BenchSettings, notes: string[]): Promise<Phase> {
  const started: ManagedProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  let database: Awaited<ReturnType<typeof createRunDatabase>> | undefined;
  try {
    const nats = await startBenchNats();
    const redis = await startBenchRedis();
    for (const s of [nats, redis]) {
      if (s.proc) started.push(s.proc);
      if (s.note && mode === 'chat') notes.push(s.note);
    }
    let tokensFile: string | undefined;
    let servers: ManagedProcess[];
    const urls: string[] = [];
    const idleEnv: Record<string, string> = {};
    if (mode === 'bare') {
      const { proc, ready } = await startNodeProcess({ name: 'bare', entry: BARE_ENTRY, env: {} });
      started.push(proc);
      servers = [proc];
      urls.push(`http://127.0.0.1:${ready.port}`);
    } else {
      // The fan-out's users first, then the idle sockets' users: each socket a user of its own.
      const { publicJwk: jwk, tokens } = await signUserTokens({
        count: CLIENTS + 1 + IDLE_WARMUP_SOCKETS + IDLE_SOCKETS,
        firstUserId: 2_000_000_000_000_000_000n,
        firstSessionId: 3_000_000_000_000_000_000n,
      });
      writeFileSync(join(dir, 'tokens.json'), JSON.stringify(tokens.slice(0, CLIENTS + 1)));
      writeFileSync(join(dir, 'idle-tokens.json'), JSON.stringify(tokens.slice(CLIENTS + 1)));
      tokensFile = join(dir, 'tokens.json');
      idleEnv.IDLE_TOKENS_FILE = join(dir, 'idle-tokens.json');
      database = await createRunDatabase(settings.databaseUrl, `seed_bench_chat_${process.pid}`);
      started.push(
        await startBenchChat({
          databaseUrl: database.url,
          natsUrl: nats.url,
          redisUrl: redis.url,
          publicJwk: jwk,
          env: { SEND_RATE_MAX: '1000000' },
        }),
      );
      servers = [];
      for (const name of ['gateway-a', 'gateway-b']) {
        const { proc, url } = await startBenchGateway({ name, natsUrl: nats.url, redisUrl: redis.url });
        started.push(proc);
        servers.push(proc);
        urls.push(url);
      }
    }
    const idle = await measureIdleMemory(servers[0]!, {
      ...idleEnv,
      IDLE_URL: urls[0]!,
      IDLE_SOCKETS: String(IDLE_SOCKETS),
      IDLE_WARMUP_SOCKETS: String(IDLE_WARMUP_SOCKETS),
    });
    // The idle sockets are gone; let their disconnects settle before the fan-out.
    await sleep(1_000);
    const { result, cpuMs } = await runFanout({
      mode,
      urls,
      ...(tokensFile ? { tokensFile } : {}),
      clients: CLIENTS,
      rate: RATE,
      warmupS: settings.warmupS,
      durationS: settings.durationS,
      receiverProcesses: RECEIVER_PROCESSES,
      servers: started.filter((p) => p !== nats.proc && p !== redis.proc),
    });
    return { result, idle, cpuMs };
  } finally {
    for (const p of started.reverse()) await p.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Connects idle sockets to one server and reads its RSS before, after a warm-up batch, and after
 * all of them.
 */
async function measureIdleMemory(server: ManagedProcess, env: Record<string, string>): Promise<IdleMemory> {
  const before = await rssBytes(server.pid);
  const child = startLoadChild(IDLE_ENTRY, env);
  // A second for the last handshakes' garbage and writes to settle before each reading.
  const settledRss = async () => {
    await sleep(1_000);
    return rssBytes(server.pid);
  };
  try {
    await child.next<IdleMessage>('warm');
    const warm = await settledRss();
    child.send({ type: 'go' });
    await child.next<IdleMessage>('connected');
    const total = await settledRss();
    child.send({ type: 'done' });
    const [batch, rest] = [Number(env.IDLE_WARMUP_SOCKETS), Number(env.IDLE_SOCKETS)];
    return {
      perSocket: (total - before) / (batch + rest),
      marginal: (total - warm) / rest,
      base: before,
      total,
      sockets: batch + rest,
    };
  } finally {
    child.done();
  }
}
