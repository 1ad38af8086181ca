import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import postgres from 'postgres';
import type { FanoutResult } from '../chat-fanout/fanout-load.ts';
import { rssBytes } from '../chat-fanout/rss.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { type ManagedProcess, startNodeProcess } from '../lib/processes.ts';
import type { Check, ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const CHAT_ENTRY = entry('../chat-fanout/chat-entry.ts');
const BARE_ENTRY = entry('../chat-fanout/bare-socketio-entry.ts');
const GATEWAY_ENTRY = entry('../gateway-entry.ts');
const LOAD_ENTRY = entry('../chat-fanout/fanout-load.ts');
const ISSUER = 'seed-bench';
const AUDIENCE = 'seed';
const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1000);
const RATE = 20;
const MAX_P99_MS = 100;
const MAX_RSS_RATIO = 2;

interface Phase {
  result: FanoutResult;
  rssPerSocket: number;
}

/**
 * One room of 1,000 sockets spread over two gateway replicas, one member posting 20 msg/s through
 * the whole path (gateway → NATS → chat → PostgreSQL → NATS → gateways → sockets), against two bare
 * Socket.IO processes relaying the same messages through the Redis adapter. Reports send → receive
 * latency and the gateways' resident memory per idle authenticated socket.
 */
export const chatFanout: Scenario = {
  name: 'chat-fanout',
  title: `chat room fan-out: ${CLIENTS} sockets on 2 gateways at ${RATE} msg/s vs bare Socket.IO`,
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
      notes.push(
        `${label}: sent ${r.sent}, received ${r.received}/${r.expected} in the measured window, duplicates ${r.duplicates}; ` +
          `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms; RSS ${(phase.rssPerSocket / 1024).toFixed(1)} KiB per idle socket`,
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

function checks(bare: Phase, chat: Phase): Check[] {
  const rssRatio = chat.rssPerSocket / bare.rssPerSocket;
  return [
    {
      name: 'p99 send → receive, chat',
      goal: `< ${MAX_P99_MS} ms`,
      actual: `${chat.result.p99Ms} ms (${(chat.result.p99Ms / bare.result.p99Ms).toFixed(1)}× bare ${bare.result.p99Ms} ms)`,
      pass: chat.result.p99Ms < MAX_P99_MS,
    },
    {
      name: 'p50 send → receive, chat ÷ bare',
      goal: 'reported',
      actual: `${(chat.result.p50Ms / bare.result.p50Ms).toFixed(1)}× (${chat.result.p50Ms} vs ${bare.result.p50Ms} ms)`,
      pass: true,
    },
    {
      name: 'RSS per idle socket, gateway ÷ bare',
      goal: `≤ ${MAX_RSS_RATIO}×`,
      actual: `${rssRatio.toFixed(2)}× (${(chat.rssPerSocket / 1024).toFixed(1)} vs ${(bare.rssPerSocket / 1024).toFixed(1)} KiB)`,
      pass: rssRatio <= MAX_RSS_RATIO,
    },
  ];
}

async function measure(mode: 'bare' | 'chat', settings: BenchSettings, notes: string[]): Promise<Phase> {
  const started: ManagedProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const admin = postgres(settings.databaseUrl, { max: 1, onnotice: () => {} });
  const dbName = `seed_bench_chat_${process.pid}`;
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
  try {
    const nats = await startBenchNats();
    const redis = await startBenchRedis();
    for (const s of [nats, redis]) {
      if (s.proc) started.push(s.proc);
      if (s.note && mode === 'chat') notes.push(s.note);
    }
    const env: Record<string, string> = { FANOUT_MODE: mode };
    let servers: ManagedProcess[];
    const urls: string[] = [];
    if (mode === 'bare') {
      servers = [];
      for (const name of ['bare-a', 'bare-b']) {
        const { proc, ready } = await startNodeProcess({ name, entry: BARE_ENTRY, env: { REDIS_URL: redis.url } });
        started.push(proc);
        servers.push(proc);
        urls.push(`http://127.0.0.1:${ready.port}`);
      }
    } else {
      const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const kid = `bench-${randomUUID()}`;
      const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
      const tokens = await Promise.all(
        Array.from({ length: CLIENTS + 1 }, (_, i) =>
          new SignJWT({ sid: String(3_000_000_000_000_000_000n + BigInt(i)) })
            .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
            .setSubject(String(2_000_000_000_000_000_000n + BigInt(i)))
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .setJti(randomUUID())
            .sign(privateKey),
        ),
      );
      writeFileSync(join(dir, 'tokens.json'), JSON.stringify(tokens));
      env.FANOUT_TOKENS_FILE = join(dir, 'tokens.json');
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
      await admin.unsafe(`create database "${dbName}"`);
      const dbUrl = new URL(settings.databaseUrl);
      dbUrl.pathname = `/${dbName}`;
      const { proc: chat } = await startNodeProcess({
        name: 'chat',
        entry: CHAT_ENTRY,
        env: {
          DATABASE_URL: dbUrl.toString(),
          NATS_URL: nats.url,
          REDIS_URL: redis.url,
          BENCH_PUBLIC_JWK: JSON.stringify(jwk),
          SEND_RATE_MAX: '1000000',
          PUSH: 'off',
          LOG_LEVEL: logLevel,
        },
        readyTimeoutMs: 60_000,
      });
      started.push(chat);
      servers = [];
      for (const name of ['gateway-a', 'gateway-b']) {
        const { proc, ready } = await startNodeProcess({
          name,
          entry: GATEWAY_ENTRY,
          env: {
            NATS_URL: nats.url,
            REDIS_URL: redis.url,
            RATE_LIMIT_MAX: '1000000000',
            PORT: '0',
            HOST: '127.0.0.1',
            LOG_LEVEL: logLevel,
            JWT_ISSUER: ISSUER,
            JWT_AUDIENCE: AUDIENCE,
          },
        });
        started.push(proc);
        servers.push(proc);
        urls.push(`http://127.0.0.1:${ready.port}`);
      }
    }
    const rssBefore = await totalRss(servers);
    return await runLoadChild(
      {
        ...env,
        FANOUT_GATEWAYS: urls.join(','),
        FANOUT_CLIENTS: String(CLIENTS),
        FANOUT_RATE: String(RATE),
        FANOUT_WARMUP_S: String(settings.warmupS),
        FANOUT_DURATION_S: String(settings.durationS),
      },
      async () => ((await totalRss(servers)) - rssBefore) / CLIENTS,
    );
  } finally {
    for (const p of started.reverse()) await p.stop();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the load generator: once its sockets are connected and idle the servers' memory is read,
 * then it sends and reports the latencies.
 */
function runLoadChild(env: Record<string, string>, idleRssPerSocket: () => Promise<number>): Promise<Phase> {
  const child = fork(LOAD_ENTRY, [], {
    execPath: process.execPath,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise<Phase>((resolve, reject) => {
    let rssPerSocket = Number.NaN;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator timed out: ${output}`));
    }, 600_000);
    child.on('message', async (msg: FanoutResult | { type: 'connected' }) => {
      if (msg.type === 'connected') {
        await sleep(1_000);
        rssPerSocket = await idleRssPerSocket();
        child.send({ type: 'go' });
      } else if (msg.type === 'result') {
        clearTimeout(timer);
        resolve({ result: msg, rssPerSocket });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited (${code}) before its result: ${output}`));
    });
  });
}

async function totalRss(procs: ManagedProcess[]): Promise<number> {
  return (await Promise.all(procs.map((p) => rssBytes(p.pid)))).reduce((a, b) => a + b, 0);
}
