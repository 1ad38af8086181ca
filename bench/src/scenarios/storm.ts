import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadChild, startLoadChild } from '../chat-fanout/load-child.ts';
import { signUserTokens } from '../lib/access-token.ts';
import { createRunDatabase, startBenchChat, startBenchGateway } from '../lib/bench-servers.ts';
import { cpuBetween, snapshotCpu } from '../lib/cpu.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import type { ManagedProcess } from '../lib/processes.ts';
import type { Check, ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { OtherRequests, StormDone } from '../storm/storm-protocol.ts';
import { type StormSummary, summarizeStorm } from '../storm/storm-summary.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const STORM_CLIENTS = entry('../storm/storm-clients.ts');
const OTHER_USERS = entry('../storm/other-users.ts');
const SOCKETS = Number(process.env.BENCH_STORM_SOCKETS ?? 2_000);
const SPREAD_MS = 1_000;
const OTHER_USERS_COUNT = 10;
const CALM_MS = 3_000;

/**
 * A connection storm: 2,000 users whose sockets all reconnect within one second (each socket asks
 * chat for its rooms as it connects, through the gateway), on one gateway with chat behind it.
 * Reports how long until every socket was back in its room, and what the storm did to other
 * users' requests (listing their rooms over HTTP) against the calm seconds before it.
 */
export const storm: Scenario = {
  name: 'storm',
  title: `connection storm: ${SOCKETS.toLocaleString('en-US')} sockets reconnecting within ${SPREAD_MS} ms`,
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-storm-'));
    const started: ManagedProcess[] = [];
    const children: LoadChild[] = [];
    let database: Awaited<ReturnType<typeof createRunDatabase>> | undefined;
    try {
      const nats = await startBenchNats();
      const redis = await startBenchRedis();
      for (const s of [nats, redis]) if (s.proc) started.push(s.proc);
      const { publicJwk, tokens } = await signUserTokens({
        count: SOCKETS + OTHER_USERS_COUNT,
        firstUserId: 4_000_000_000_000_000_000n,
        firstSessionId: 5_000_000_000_000_000_000n,
      });
      writeFileSync(join(dir, 'storm-tokens.json'), JSON.stringify(tokens.slice(0, SOCKETS)));
      writeFileSync(join(dir, 'other-tokens.json'), JSON.stringify(tokens.slice(SOCKETS)));
      database = await createRunDatabase(settings.databaseUrl, `seed_bench_storm_${process.pid}`);
      started.push(
        await startBenchChat({ databaseUrl: database.url, natsUrl: nats.url, redisUrl: redis.url, publicJwk }),
      );
      const { proc: gateway, url } = await startBenchGateway({ natsUrl: nats.url, redisUrl: redis.url });
      started.push(gateway);
      const clients = startLoadChild(STORM_CLIENTS, {
        STORM_GATEWAY: url,
        STORM_TOKENS_FILE: join(dir, 'storm-tokens.json'),
        NATS_URL: nats.url,
      });
      children.push(clients);
      await clients.next('ready');
      const others = startLoadChild(OTHER_USERS, {
        STORM_GATEWAY: url,
        OTHER_TOKENS_FILE: join(dir, 'other-tokens.json'),
      });
      children.push(others);
      await others.next('ready');
      await new Promise((r) => setTimeout(r, CALM_MS));

      const servers = started.map((p) => ({ name: p.name, pids: () => [p.pid] }));
      const before = await snapshotCpu(servers);
      clients.send({ type: 'go', spreadMs: SPREAD_MS });
      const done = await clients.next<StormDone>('done');
      const cpuMs = cpuBetween(before, await snapshotCpu(servers));
      others.send({ type: 'stop' });
      const requests = await others.next<OtherRequests>('requests');
      const summary = summarizeStorm(SOCKETS, done, requests, CALM_MS);
      return {
        scenario: this.name,
        title: this.title,
        settings,
        rows: [],
        checks: stormChecks(summary),
        notes: [
          `sockets connected after ${summary.allConnectedMs} ms, back in their rooms after ${summary.allInRoomMs} ms ` +
            `(p50 ${summary.inRoomP50Ms} ms, p99 ${summary.inRoomP99Ms} ms; beacons every 50 ms, so up to 50 ms late)`,
          `other users (${OTHER_USERS_COUNT} closed loops of GET /api/v1/chat/rooms): before the storm ${summary.before.requests} ` +
            `requests, p50 ${summary.before.p50Ms.toFixed(1)} ms, p99 ${summary.before.p99Ms.toFixed(1)} ms; during it ` +
            `${summary.during.requests}, p50 ${summary.during.p50Ms.toFixed(1)} ms, p99 ${summary.during.p99Ms.toFixed(1)} ms; ` +
            `${requests.failed} failed`,
          `CPU µs per reconnected socket: ${Object.entries(cpuMs)
            .map(([name, ms]) => `${name} ${Math.round((ms * 1000) / SOCKETS)}`)
            .join(', ')} (other users' requests included)`,
        ],
        problems: done.failed ? [`${done.failed} sockets could not reconnect`] : [],
      };
    } finally {
      for (const c of children) c.stop();
      for (const p of started.reverse()) await p.stop();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Reported figures: every socket back, how long it took, and other users' p99 during the storm. */
export function stormChecks(s: StormSummary): Check[] {
  return [
    { name: 'sockets not back in their rooms', goal: '0', actual: String(s.notBack), pass: s.notBack === 0 },
    {
      name: 'storm start → every socket back in its rooms',
      goal: 'reported',
      actual: `${s.allInRoomMs} ms`,
      pass: true,
    },
    {
      name: "other users' p99 during the storm",
      goal: 'reported',
      actual: `${s.during.p99Ms.toFixed(1)} ms (${s.before.p99Ms.toFixed(1)} ms before)`,
      pass: true,
    },
  ];
}
