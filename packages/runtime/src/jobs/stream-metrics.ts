import type { JetStreamClient } from '@nats-io/jetstream';
import type { Registry } from 'prom-client';
import { sharedGauge } from '../ops/process-registry.ts';
import { readOncePerScrape } from '../ops/scrape-gauges.ts';
import type { JobsTopology } from './topology.ts';

interface Observed {
  js: JetStreamClient;
  topology: JobsTopology;
  consumers: readonly string[];
}

interface Snapshot {
  streams: { stream: string; role: 'work' | 'dead_letter'; messages: number }[];
  consumers: { consumer: string; pending: number; ackPending: number; redelivered: number }[];
}

const observedBy = new WeakMap<Registry, Set<Observed>>();

async function readStreams(sources: Set<Observed>): Promise<Snapshot> {
  const snapshot: Snapshot = { streams: [], consumers: [] };
  for (const { js, topology, consumers } of sources) {
    const jsm = await js.jetstreamManager();
    for (const [stream, role] of [
      [topology.stream, 'work'],
      [topology.dlqStream, 'dead_letter'],
    ] as const)
      snapshot.streams.push({ stream, role, messages: (await jsm.streams.info(stream)).state.messages });
    for (const consumer of consumers) {
      const info = await jsm.consumers.info(topology.stream, consumer);
      snapshot.consumers.push({
        consumer,
        pending: info.num_pending,
        ackPending: info.num_ack_pending,
        redelivered: info.num_redelivered,
      });
    }
  }
  return snapshot;
}

/**
 * Gauges read from JetStream when scraped: jobs waiting in the work queue and dead jobs in the
 * dead-letter stream (`seed_jobs_stream_messages{stream, role}`; role `dead_letter` is the
 * dead-letter depth), and per consumer the jobs not yet delivered, delivered and not acked, and
 * redelivered (`seed_jobs_consumer_*{consumer}`). Returns a function that stops observing.
 */
export function observeJobStreams(registry: Registry, observed: Observed): () => void {
  let sources = observedBy.get(registry);
  if (!sources) {
    const all = new Set<Observed>();
    sources = all;
    observedBy.set(registry, all);
    const snapshot = readOncePerScrape(() => readStreams(all));
    sharedGauge(registry, {
      name: 'seed_jobs_stream_messages',
      help: 'Messages in a job stream: jobs waiting (role work) or dead jobs (role dead_letter: the dead-letter depth)',
      labelNames: ['stream', 'role'],
      async collect() {
        const read = await snapshot();
        this.reset();
        for (const s of read?.streams ?? []) this.set({ stream: s.stream, role: s.role }, s.messages);
      },
    });
    const consumerGauge = (name: string, help: string, value: (c: Snapshot['consumers'][number]) => number) =>
      sharedGauge(registry, {
        name: `seed_jobs_consumer_${name}`,
        help,
        labelNames: ['consumer'],
        async collect() {
          const read = await snapshot();
          this.reset();
          for (const c of read?.consumers ?? []) this.set({ consumer: c.consumer }, value(c));
        },
      });
    consumerGauge('pending', 'Jobs of a kind in the stream not yet delivered to a worker', (c) => c.pending);
    consumerGauge('ack_pending', 'Jobs delivered to a worker and not yet acked', (c) => c.ackPending);
    consumerGauge('redelivered', 'Jobs delivered more than once and not yet acked', (c) => c.redelivered);
  }
  sources.add(observed);
  return () => sources.delete(observed);
}
