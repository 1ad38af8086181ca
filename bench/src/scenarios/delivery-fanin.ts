import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadChild, startLoadChild } from '../chat-fanout/load-child.ts';
import type { Published } from '../delivery/delivery-publisher.ts';
import { startBenchGateway } from '../lib/bench-servers.ts';
import { cpuBetween, snapshotCpu } from '../lib/cpu.ts';
import { startBenchNats, startBenchRedis } from '../lib/private-servers.ts';
import type { ManagedProcess } from '../lib/processes.ts';
import { cpuProfileOptions } from '../lib/profile-options.ts';
import type { ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';
import type { Scenario } from './scenario.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const PUBLISHER = entry('../delivery/delivery-publisher.ts');
const RATE = Number(process.env.BENCH_DELIVERY_RATE ?? 5_000);

/**
 * What a gateway spends on deliveries for rooms it holds no socket of: every replica receives every
 * `gateway.socket.deliver` and drops those that are not its own, so this cost, times the cluster's
 * message rate, is paid by each gateway however many there are (docs/scaling.md).
 */
export const deliveryFanin: Scenario = {
  name: 'delivery-fanin',
  title: `deliveries a gateway holds no socket for: ${RATE.toLocaleString('en-US')} chat messages/s`,
  async run(settings: BenchSettings): Promise<ScenarioReport> {
    const started: ManagedProcess[] = [];
    let publisher: LoadChild | undefined;
    try {
      const nats = await startBenchNats();
      const redis = await startBenchRedis();
      for (const s of [nats, redis]) if (s.proc) started.push(s.proc);
      const profiles = cpuProfileOptions(process.env.BENCH_CPU_PROF_DIR);
      const { proc: gateway } = await startBenchGateway({
        natsUrl: nats.url,
        redisUrl: redis.url,
        env: profiles ? { NODE_OPTIONS: profiles.nodeOptions('gateway') } : {},
      });
      started.push(gateway);
      publisher = startLoadChild(PUBLISHER, { NATS_URL: nats.url });
      await publisher.next('ready');
      const publish = (seconds: number) => {
        publisher!.send({ type: 'publish', rate: RATE, durationMs: seconds * 1000 });
        return publisher!.next<Published>('published');
      };
      await publish(settings.warmupS);
      const sources = [gateway, ...(nats.proc ? [nats.proc] : [])].map((p) => ({ name: p.name, pids: () => [p.pid] }));
      const before = await snapshotCpu(sources);
      const published = await publish(settings.durationS);
      // Let the last deliveries arrive before reading the CPU time.
      await sleep(200);
      const cpuMs = cpuBetween(before, await snapshotCpu(sources));
      const perMessage = (name: string) => ((cpuMs[name] ?? Number.NaN) * 1000) / published.messages;
      const gatewayUs = perMessage('gateway');
      return {
        scenario: this.name,
        title: this.title,
        settings,
        rows: [],
        checks: [
          {
            name: 'gateway CPU per delivery it holds no socket for',
            goal: 'reported',
            actual: `${gatewayUs.toFixed(1)} µs`,
            pass: true,
          },
        ],
        notes: [
          `${published.messages.toLocaleString('en-US')} deliveries in ${published.seconds.toFixed(1)} s; CPU µs per delivery: ` +
            `gateway ${gatewayUs.toFixed(1)}, nats-server ${perMessage('nats-server').toFixed(1)}`,
          `at 50,000 messages/s across the cluster, each gateway would spend ${((50_000 * gatewayUs) / 1e6).toFixed(2)} ` +
            "cores on deliveries for other gateways' sockets",
        ],
        problems: [],
      };
    } finally {
      publisher?.stop();
      for (const p of started.reverse()) await p.stop();
    }
  },
};
