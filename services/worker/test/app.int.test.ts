import { defineServiceCleanup, emailSend } from '@seed/contracts';
import {
  connectNats,
  createLogger,
  createRedis,
  createServiceHost,
  jobConsumerName,
  jobSubject,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import type { TestJobStreams } from '@seed/runtime/testing';
import {
  createTestJobStreams,
  deleteTestKeys,
  eventually,
  metricSamples,
  metricValue,
  testRedisPrefix,
  testServers,
  uniqueName,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorkerApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const cleanup = defineServiceCleanup(uniqueName('svc'));
const redisPrefix = testRedisPrefix();

describe('worker', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let streams: TestJobStreams;
  let host: ServiceHost;
  const apps: WorkerApp[] = [];
  const periods: string[] = [];

  const startReplica = async () => {
    const config = loadConfig({
      NATS_URL: testServers().natsUrl,
      REDIS_URL: testServers().redisUrl,
      LOG_LEVEL: 'silent',
      OPS_PORT: '0',
      CLEANUP_INTERVAL_MS: '1000',
      JOBS_STREAM: streams.topology.stream,
      JOBS_DLQ_STREAM: streams.topology.dlqStream,
      JOBS_SUBJECT_PREFIX: streams.topology.subjectPrefix,
    });
    const app = await createApp(config, logger, { redis, cleanups: [cleanup] });
    apps.push(app);
    return app;
  };
  const ops = (app: WorkerApp, path: string) => fetch(`http://127.0.0.1:${app.ops.port()}${path}`);

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'worker-test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'worker-test', logger, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
    host = await createServiceHost(nc, { name: cleanup.subject.split('.')[0]!, version: '0.0.1', logger });
    host.serve(cleanup, async ({ period }) => {
      periods.push(period);
      return { purged: { things: 1 } };
    });
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await host.stop();
    await streams.remove();
    await deleteTestKeys(redis, redisPrefix);
    await nc.drain();
    await redis.quit();
  });

  it('runs the cleanup once per period with two replicas, calling every service cleanup', async () => {
    const [first, second] = [await startReplica(), await startReplica()];
    await eventually(() => periods.length >= 3, { what: 'three cleanup periods', timeoutMs: 30_000 });
    await Promise.all([first.stop(), second.stop()]);

    const jsm = await streams.js.jetstreamManager();
    const { state } = await jsm.streams.info(streams.topology.stream);
    // Every period enqueued once (last_seq counts every job ever stored), and each done job called once.
    expect(new Set(periods).size).toBe(periods.length);
    expect(periods.length + state.messages).toBe(state.last_seq);
    for (const period of periods) expect(Date.parse(period) % 1_000).toBe(0);
    expect(await redis.exists(...periods.map((p) => `jobs:done:cleanup:${p}`))).toBe(periods.length);
  });

  it('reports readiness and job counters on its ops port', async () => {
    const app = await startReplica();
    const ready = await ops(app, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { nats: true, redis: true } });
    const before = periods.length;
    await eventually(() => periods.length > before, { what: 'a cleanup run', timeoutMs: 30_000 });
    const metrics = await eventually(async () => {
      const text = await (await ops(app, '/metrics')).text();
      return /seed_jobs_processed_total\{job="jobs\.cleanup\.run",service="worker"\} [1-9]/.test(text) && text;
    });
    expect(metrics).toContain('seed_jobs_dead_lettered_total');
    expect(metrics).toContain('seed_jobs_failed_total');
  });

  it('shows a job sent to the dead-letter stream in the dead-letter depth, and every consumer on /metrics', async () => {
    const app = await startReplica();
    const scrape = async () => (await ops(app, '/metrics')).text();
    const depth = (text: string) =>
      metricValue(text, 'seed_jobs_stream_messages', { stream: streams.topology.dlqStream, role: 'dead_letter' });
    const before = await scrape();
    for (const consumer of app.consumers.map(jobConsumerName)) {
      expect(metricSamples(before, 'seed_jobs_consumer_pending').map((s) => s.labels.consumer)).toContain(consumer);
      expect(metricSamples(before, 'seed_jobs_consumer_redelivered').map((s) => s.labels.consumer)).toContain(consumer);
    }
    expect(metricSamples(before, 'seed_nats_connected').length).toBeGreaterThan(0);
    // An email job that breaks its contract goes straight to the dead-letter stream.
    await streams.js.publish(jobSubject(streams.topology, emailSend), new TextEncoder().encode('{"to":"nobody"}'), {
      msgID: uniqueName('bad-email'),
    });
    await eventually(async () => depth(await scrape()) === depth(before) + 1, {
      what: 'the dead-letter depth to rise',
    });
  });
});
