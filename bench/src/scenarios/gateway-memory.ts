import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssBytes } from '../chat-fanout/rss.ts';
import { benchGatewayEnv } from '../lib/bench-servers.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import { type ManagedProcess, startNodeProcess } from '../lib/processes.ts';
import type { Check, ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { MemoryReading, MemoryReply, MemoryRequest } from '../memory/memory-protocol.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const GATEWAY_ENTRY = entry('../gateway-entry.ts');
const BARE_ENTRY = entry('../chat-fanout/bare-socketio-entry.ts');
const PROBE = entry('../memory/memory-probe.ts');
const MAX_GATEWAY_RSS_MB = 150;
/** Start-up garbage and writes settle for this long before a reading, as for the fan-out's idle sockets. */
const SETTLE_MS = 3_000;

export interface MemorySetup {
  label: string;
  rssMb: number;
  reply: MemoryReply;
}

interface Variant {
  label: string;
  entry: string;
  nodeOptions: string;
  env?: Record<string, string>;
}

const variants: Variant[] = [
  { label: 'gateway', entry: GATEWAY_ENTRY, nodeOptions: '' },
  { label: 'gateway, --max-semi-space-size=16', entry: GATEWAY_ENTRY, nodeOptions: '--max-semi-space-size=16' },
  {
    label: 'gateway, --max-semi-space-size=8, glibc trim threshold 128 KiB',
    entry: GATEWAY_ENTRY,
    nodeOptions: '--max-semi-space-size=8',
    env: { MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' },
  },
  { label: 'bare Socket.IO server', entry: BARE_ENTRY, nodeOptions: '' },
];

/**
 * What one gateway holds before its first socket, as it starts (RSS, V8's heap spaces before and
 * after a full collection), beside the same gateway with a capped young generation and a bare
 * Socket.IO server. BENCH_HEAP_SNAPSHOT_DIR keeps a heap snapshot of each for
 * `bench/src/memory/summarize-heap.ts`.
 */
export const gatewayMemory: Scenario = {
  name: 'gateway-memory',
  title: 'RSS and heap of one gateway before its first socket',
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const started: ManagedProcess[] = [];
    const setups: MemorySetup[] = [];
    const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR ? resolve(process.env.BENCH_HEAP_SNAPSHOT_DIR) : undefined;
    if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
    try {
      const nats = await startBenchNats();
      const redis = await startBenchRedis();
      for (const s of [nats, redis]) if (s.proc) started.push(s.proc);
      for (const [i, variant] of variants.entries()) {
        const { proc } = await startNodeProcess({
          name: variant.label,
          entry: variant.entry,
          env: {
            NODE_OPTIONS: `--expose-gc --import ${PROBE} ${variant.nodeOptions}`.trim(),
            ...variant.env,
            ...benchGatewayEnv({ natsUrl: nats.url, redisUrl: redis.url }),
          },
        });
        try {
          await sleep(SETTLE_MS);
          const rssMb = (await rssBytes(proc.pid)) / 1024 / 1024;
          const reply = await askMemory(
            proc,
            snapshotDir
              ? join(snapshotDir, `${i}-${variant.label.split(',')[0]!.replaceAll(' ', '-')}.heapsnapshot`)
              : undefined,
          );
          setups.push({ label: variant.label, rssMb, reply });
        } finally {
          await proc.stop();
        }
      }
    } finally {
      for (const p of started.reverse()) await p.stop();
    }
    return {
      scenario: this.name,
      title: this.title,
      settings,
      rows: [],
      checks: memoryChecks(setups),
      notes: setups.map(describeSetup),
      problems: [],
    };
  },
};

function askMemory(proc: ManagedProcess, snapshotPath: string | undefined): Promise<MemoryReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${proc.name} did not report its memory`)), 60_000);
    const onMessage = (msg: MemoryReply) => {
      if (msg?.type !== 'memory') return;
      clearTimeout(timer);
      proc.child.off('message', onMessage);
      resolve(msg);
    };
    proc.child.on('message', onMessage);
    proc.child.send({ type: 'memory', ...(snapshotPath ? { snapshotPath } : {}) } satisfies MemoryRequest);
  });
}

const mb = (n: number) => `${Math.round(n)} MB`;
const youngMb = (r: MemoryReading) => r.spaces.new_space?.committedMb ?? Number.NaN;

export function describeSetup(s: MemorySetup): string {
  const { before, after, snapshot } = s.reply;
  return (
    `${s.label}: RSS ${mb(s.rssMb)}; heap committed ${mb(before.heapTotalMb)} (young generation ${mb(youngMb(before))}), ` +
    `used ${mb(before.heapUsedMb)}; after a full collection used ${mb(after.heapUsedMb)}, committed ${mb(after.heapTotalMb)}; ` +
    `external ${mb(before.externalMb)}${snapshot ? `; heap snapshot ${snapshot}` : ''}`
  );
}

/** The gateway's RSS before its first socket under 150 MB; the variants and the bare server reported. */
export function memoryChecks(setups: MemorySetup[]): Check[] {
  return setups.map((s) => {
    const judged = s.label === 'gateway';
    return {
      name: `RSS before the first socket, ${s.label}`,
      goal: judged ? `≤ ${MAX_GATEWAY_RSS_MB} MB` : 'reported',
      actual: mb(s.rssMb),
      pass: !judged || s.rssMb <= MAX_GATEWAY_RSS_MB,
    };
  });
}
