import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessName } from '../world/cluster.ts';
import { PROCESSES } from '../world/cluster.ts';
import type { FaultWindow, Scenario, ScenarioWorld } from './scenario.ts';

const now = () => Date.now();
const instant = (): FaultWindow => {
  const t = now();
  return { start: t, end: t };
};

const kill9 = (name: ProcessName): Scenario => ({
  name: `kill-${name}`,
  what: `kill -9 ${name}; the supervisor starts it again`,
  recoverWithinMs: 30_000,
  async inject(world) {
    world.cluster.signal(name, 'SIGKILL');
    return instant();
  },
});

const workerMidBatch: Scenario = {
  name: 'kill-worker-mid-batch',
  what: 'a burst of 40 SMS jobs; kill -9 the worker once it has sent a few of them',
  recoverWithinMs: 30_000,
  async inject(world) {
    const before = world.sms.length;
    const burst = world.burstCodes(40);
    while (world.sms.length < before + 3) await sleep(5);
    world.cluster.signal('worker', 'SIGKILL');
    const window = instant();
    await burst;
    return window;
  },
};

const restartNats: Scenario = {
  name: 'restart-nats',
  what: 'kill -9 nats-server, start it again 3 s later (JetStream kept on disk)',
  recoverWithinMs: 30_000,
  async inject(world) {
    const start = now();
    await world.nats.kill();
    await sleep(3_000);
    await world.nats.restart();
    return { start, end: now() };
  },
};

const stallRedis: Scenario = {
  name: 'stall-redis',
  what: 'SIGSTOP redis-server for 8 s, then SIGCONT',
  recoverWithinMs: 15_000,
  async inject(world) {
    const start = now();
    world.redisServer.stall();
    await sleep(8_000);
    world.redisServer.resume();
    return { start, end: now() };
  },
};

const flushRedis: Scenario = {
  name: 'flush-redis',
  what: 'FLUSHALL: Redis loses every key (leases, revocations, presence, rate counts)',
  recoverWithinMs: 15_000,
  async inject(world) {
    await world.redis.flushall();
    return instant();
  },
};

const sigtermEach: Scenario = {
  name: 'sigterm-each',
  what: 'SIGTERM every process in turn, each started again before the next',
  recoverWithinMs: 30_000,
  async inject(world) {
    const start = now();
    for (const name of PROCESSES) {
      const pid = world.cluster.pid(name);
      world.cluster.signal(name, 'SIGTERM');
      while (world.cluster.pid(name) === pid) await sleep(50);
      await world.cluster.allReady(60_000);
    }
    return { start, end: now() };
  },
};

export const SCENARIOS: Scenario[] = [
  ...(['auth', 'playco', 'chat', 'gateway'] as const).map(kill9),
  workerMidBatch,
  restartNats,
  stallRedis,
  flushRedis,
  sigtermEach,
];

/** What `--quick` runs when no scenario is named: one crash, one Redis outage. */
export const SMOKE = ['kill-chat', 'stall-redis'];

export type { Scenario, ScenarioWorld };
