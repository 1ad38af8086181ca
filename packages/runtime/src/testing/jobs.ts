import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ensureJobStreams } from '../jobs/streams.ts';
import type { JobsTopology } from '../jobs/topology.ts';
import type { Redis } from '../redis.ts';
import { uniqueName } from './names.ts';

export interface TestJobStreams {
  topology: JobsTopology;
  js: JetStreamClient;
  /** Deletes both streams (and with them their consumers). */
  remove(): Promise<void>;
}

/** Job streams and a subject root no other test uses, for one test file. */
export async function createTestJobStreams(nc: NatsConnection): Promise<TestJobStreams> {
  const id = uniqueName('t');
  const topology = { stream: `JOBS_${id}`, dlqStream: `JOBS_DLQ_${id}`, subjectPrefix: `${id}_jobs` };
  const js = jetstream(nc);
  await ensureJobStreams(js, topology);
  return {
    topology,
    js,
    async remove() {
      const jsm = await js.jetstreamManager();
      await jsm.streams.delete(topology.stream).catch(() => {});
      await jsm.streams.delete(topology.dlqStream).catch(() => {});
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50));
  }
}

/** Deletes every key under a test's prefix (`redis` is a client created with that `keyPrefix`). */
export async function deleteTestKeys(redis: Redis, prefix: string): Promise<void> {
  // KEYS patterns are not prefixed by the client; DEL arguments are.
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
}
