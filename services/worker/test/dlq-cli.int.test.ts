import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineJob } from '@seed/contracts';
import {
  connectNats,
  createLogger,
  createRedis,
  createRedisDoneRecords,
  enqueueJob,
  JOB_ID_HEADER,
  type JobConsumer,
  jobSubject,
  listDeadJobs,
  type NatsConnection,
  type Redis,
  startJobConsumer,
} from '@seed/runtime';
import {
  createTestJobStreams,
  deleteTestKeys,
  eventually,
  type TestJobStreams,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const logger = createLogger({ service: 'test', level: 'silent' });
const redisPrefix = testRedisPrefix();
const cli = fileURLToPath(new URL('../src/dlq-cli.ts', import.meta.url));
const doomed = defineJob({
  subject: 'jobs.doomed.run',
  payload: z.object({ to: z.string() }),
  maxDeliver: 1,
  ackWaitMs: 5_000,
});

describe('dlq command', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let streams: TestJobStreams;
  let consumer: JobConsumer;

  const dlq = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = {
        ...process.env,
        NATS_URL: testServers().natsUrl,
        JOBS_STREAM: streams.topology.stream,
        JOBS_DLQ_STREAM: streams.topology.dlqStream,
        JOBS_SUBJECT_PREFIX: streams.topology.subjectPrefix,
      };
      execFile(process.execPath, [cli, ...args], { env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'dlq-test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'dlq-test', logger, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
    consumer = await startJobConsumer(
      streams.js,
      doomed,
      async () => {
        throw new Error('mail server said no');
      },
      { done: createRedisDoneRecords(redis), logger, topology: streams.topology, fetchExpiresMs: 1_000 },
    );
    await enqueueJob(streams.js, doomed, { to: 'ada@example.com' }, { topology: streams.topology, id: 'doomed-1' });
    await eventually(async () => (await listDeadJobs(streams.js, { topology: streams.topology })).length === 1);
    // Stopped so that a replayed job stays in the job stream where the test can see it.
    await consumer.stop();
  });
  afterAll(async () => {
    await consumer.stop();
    await streams.remove();
    await deleteTestKeys(redis, redisPrefix);
    await nc.drain();
    await redis.quit();
  });

  it('lists dead jobs with their sequence, subject, job id and error', async () => {
    const { code, stdout } = await dlq('list');
    expect(code).toBe(0);
    const [header, row] = stdout.trim().split('\n');
    expect(header).toMatch(/^SEQ\s+FAILED AT\s+TRIES\s+SUBJECT\s+JOB ID\s+ERROR$/);
    expect(row).toMatch(
      new RegExp(`^1\\s+\\S+Z\\s+1\\s+${jobSubject(streams.topology, doomed)}\\s+doomed-1\\s+mail server said no$`),
    );
  });

  it('shows one dead job with its headers and payload', async () => {
    const { code, stdout } = await dlq('show', '1');
    expect(code).toBe(0);
    expect(stdout).toContain('error:      mail server said no');
    expect(stdout).toContain(`${JOB_ID_HEADER}: doomed-1`);
    expect(stdout).toContain('"to": "ada@example.com"');
  });

  it('fails with a message for a sequence that holds no dead job, and for bad usage', async () => {
    const missing = await dlq('show', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no dead job at sequence 999');
    const unknown = await dlq('resurrect', '1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });

  it('replays a dead job to its subject with its job id and removes it from the dead-letter stream', async () => {
    const { code, stdout } = await dlq('replay', '1');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`replayed 1 (job doomed-1) to ${jobSubject(streams.topology, doomed)}`);
    const jsm = await streams.js.jetstreamManager();
    const replayed = await jsm.streams.getMessage(streams.topology.stream, {
      last_by_subj: jobSubject(streams.topology, doomed),
    });
    expect(replayed!.header.get(JOB_ID_HEADER)).toBe('doomed-1');
    expect(replayed!.header.get('Nats-Msg-Id')).not.toBe('doomed-1');
    expect(replayed!.json()).toEqual({ to: 'ada@example.com' });
    expect(JSON.parse((await dlq('list', '--json')).stdout)).toEqual([]);
  });
});
