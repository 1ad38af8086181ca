import { headers as natsHeaders } from '@nats-io/nats-core';
import { defineJob } from '@seed/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.ts';
import { encodeJson } from '../nats/codec.ts';
import { connectNats, type NatsConnection } from '../nats/connection.ts';
import { createRedis, type Redis } from '../redis.ts';
import { createTestJobStreams, deleteTestKeys, eventually, type TestJobStreams } from '../testing/jobs.ts';
import { testRedisPrefix } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { type JobConsumer, startJobConsumer } from './consumer.ts';
import { getDeadJob, listDeadJobs } from './dead-jobs.ts';
import { createRedisDoneRecords } from './done-records.ts';
import { enqueueJob } from './enqueue.ts';
import { JOB_ID_HEADER } from './headers.ts';
import type { JobObserver, JobOutcome } from './metrics.ts';
import type { JobHandler } from './run-job.ts';
import { jobSubject } from './topology.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const redisPrefix = testRedisPrefix();
const Payload = z.object({ n: z.number().int() });
const quick = { ackWaitMs: 5_000, backoffMs: [20, 40] } as const;
const failing = defineJob({ subject: 'jobs.failing.run', payload: Payload, maxDeliver: 3, ...quick });
const flaky = defineJob({ subject: 'jobs.flaky.run', payload: Payload, maxDeliver: 3, ...quick });
const counted = defineJob({ subject: 'jobs.counted.run', payload: Payload, ...quick });
const idle = defineJob({ subject: 'jobs.idle.run', payload: Payload, ...quick });

describe('jobs', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let streams: TestJobStreams;
  const consumers: JobConsumer[] = [];
  const outcomes: { job: string; outcome: JobOutcome }[] = [];
  const observer: JobObserver = { onOutcome: (job, outcome) => void outcomes.push({ job, outcome }) };
  const attempts = new Map<string, number[]>();

  const consume = async <C extends Parameters<typeof startJobConsumer>[1]>(contract: C, handler: JobHandler<C>) => {
    consumers.push(
      await startJobConsumer(streams.js, contract, handler, {
        done: createRedisDoneRecords(redis),
        logger,
        topology: streams.topology,
        observer,
        fetchExpiresMs: 1_000,
      }),
    );
  };
  const outcomesOf = (job: string) => outcomes.filter((o) => o.job === job).map((o) => o.outcome);
  const note = (jobId: string, attempt: number) => attempts.set(jobId, [...(attempts.get(jobId) ?? []), attempt]);

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'jobs-test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'jobs-test', logger, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
    await consume(failing, async ({ n }, ctx) => {
      note(ctx.jobId, ctx.attempt);
      throw new Error(`boom ${n} on attempt ${ctx.attempt}`);
    });
    await consume(flaky, async (_payload, ctx) => {
      note(ctx.jobId, ctx.attempt);
      if (ctx.attempt === 1) throw new Error('first try fails');
    });
    await consume(counted, async ({ n }, ctx) => {
      note(ctx.jobId, ctx.attempt);
      await redis.incrby(`effect:${ctx.jobId}`, n);
    });
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((c) => c.stop()));
    await streams.remove();
    await deleteTestKeys(redis, redisPrefix);
    await nc.drain();
    await redis.quit();
  });

  it('dead-letters a job that fails every time, with its last error, after max_deliver attempts', async () => {
    const { id } = await enqueueJob(streams.js, failing, { n: 7 }, { topology: streams.topology, id: 'fail-1' });
    const [dead] = await eventually(async () => {
      const jobs = await listDeadJobs(streams.js, { topology: streams.topology });
      return jobs.length > 0 && jobs;
    });
    expect(attempts.get(id)).toEqual([1, 2, 3]);
    expect(dead).toMatchObject({
      jobId: 'fail-1',
      subject: jobSubject(streams.topology, failing),
      error: 'boom 7 on attempt 3',
      deliveries: 3,
      payload: { n: 7 },
    });
    expect(Date.parse(dead!.failedAt)).not.toBeNaN();
    expect(outcomesOf(failing.subject)).toEqual(['failed', 'failed', 'failed', 'dead_lettered']);
    const jsm = await streams.js.jetstreamManager();
    await eventually(async () => (await jsm.streams.info(streams.topology.stream)).state.messages === 0, {
      what: 'the dead job to leave the work queue',
    });
  });

  it('retries a failed job after its back-off and completes it', async () => {
    const { id } = await enqueueJob(streams.js, flaky, { n: 1 }, { topology: streams.topology });
    await eventually(() => outcomesOf(flaky.subject).includes('processed'));
    expect(attempts.get(id)).toEqual([1, 2]);
  });

  it('sends a payload that breaks its contract straight to the dead-letter stream', async () => {
    const before = outcomes.length;
    const h = natsHeaders();
    h.set(JOB_ID_HEADER, 'bad-1');
    await streams.js.publish(jobSubject(streams.topology, counted), encodeJson({ n: 'seven' }), {
      msgID: 'bad-1',
      headers: h,
    });
    const dlqSeq = await eventually(async () => {
      const jobs = await listDeadJobs(streams.js, { topology: streams.topology });
      return jobs.find((j) => j.jobId === 'bad-1')?.seq;
    });
    const dead = await getDeadJob(streams.js, dlqSeq, { topology: streams.topology });
    expect(dead).toMatchObject({ error: 'payload breaks its contract', deliveries: 1, payload: { n: 'seven' } });
    expect(dead?.errorDetails).toEqual([expect.objectContaining({ path: 'n', code: 'invalid_type' })]);
    expect(attempts.has('bad-1')).toBe(false);
    expect(outcomes.slice(before).map((o) => o.outcome)).toEqual(['dead_lettered']);
  });

  it('dead-letters a payload that is not JSON without running it', async () => {
    await streams.js.publish(jobSubject(streams.topology, counted), new TextEncoder().encode('{nope'), {
      msgID: 'bad-2',
    });
    const dead = await eventually(async () => {
      const jobs = await listDeadJobs(streams.js, { topology: streams.topology });
      return jobs.find((j) => j.jobId === 'bad-2');
    });
    expect(dead).toMatchObject({ error: 'payload is not JSON', payload: '{nope' });
  });

  it('refuses to enqueue a payload that breaks its contract', async () => {
    await expect(enqueueJob(streams.js, counted, { n: 1.5 }, { topology: streams.topology })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('enqueues a job id once, however often it is sent within the duplicate window', async () => {
    const first = await enqueueJob(streams.js, idle, { n: 1 }, { topology: streams.topology, id: 'dup-1' });
    const second = await enqueueJob(streams.js, idle, { n: 1 }, { topology: streams.topology, id: 'dup-1' });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ id: 'dup-1', seq: first.seq, duplicate: true });
    const jsm = await streams.js.jetstreamManager();
    const info = await jsm.streams.info(streams.topology.stream, {
      subjects_filter: jobSubject(streams.topology, idle),
    });
    expect(info.state.subjects).toEqual({ [jobSubject(streams.topology, idle)]: 1 });
  });

  it('does not repeat the effect of a job that is delivered again after it was done', async () => {
    const { id } = await enqueueJob(streams.js, counted, { n: 5 }, { topology: streams.topology, id: 'once-1' });
    await eventually(async () => (await redis.get(`effect:${id}`)) === '5');
    // The same job again, as after a lost ack or a replay: another message id, the same job id.
    const h = natsHeaders();
    h.set(JOB_ID_HEADER, id);
    await streams.js.publish(jobSubject(streams.topology, counted), encodeJson({ n: 5 }), {
      msgID: `${id}:again`,
      headers: h,
    });
    await eventually(() => outcomesOf(counted.subject).includes('skipped'));
    expect(await redis.get(`effect:${id}`)).toBe('5');
    expect(attempts.get(id)).toEqual([1]);
  });
});
