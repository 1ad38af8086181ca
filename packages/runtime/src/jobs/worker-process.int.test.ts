import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { connectNats, type NatsConnection } from '../nats/connection.ts';
import { createRedis, type Redis } from '../redis.ts';
import { createTestJobStreams, deleteTestKeys, eventually, type TestJobStreams } from '../testing/jobs.ts';
import { testRedisPrefix } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { listDeadJobs } from './dead-jobs.ts';
import { enqueueJob } from './enqueue.ts';
import { crashJob } from './fixtures/crash-job.contract.ts';
import { jobSubject } from './topology.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const workerScript = fileURLToPath(new URL('./fixtures/job-worker.ts', import.meta.url));
const redisPrefix = testRedisPrefix();

describe('job workers as processes', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let streams: TestJobStreams;
  const children: ChildProcess[] = [];

  const startWorker = async (hold: 'none' | 'before-effect' | 'after-effect' | 'slow', env: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, [workerScript], {
      env: {
        ...process.env,
        ...env,
        HOLD: hold,
        JOBS_TOPOLOGY: JSON.stringify(streams.topology),
        NATS_URL: testServers().natsUrl,
        REDIS_URL: testServers().redisUrl,
        REDIS_PREFIX: redisPrefix,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    await eventually(async () => (await redis.lrange('ready', 0, -1)).includes(String(child.pid)), {
      what: 'the worker to start',
    });
    return child;
  };
  const exitOf = (child: ChildProcess) =>
    new Promise<number | string | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
      else child.once('exit', (code, signal) => resolve(code ?? signal));
    });
  const started = (jobId: string) =>
    redis.lrange('started', 0, -1).then((all) => all.filter((s) => s.split(':')[1] === jobId));
  const jobsLeft = async () => {
    const jsm = await streams.js.jetstreamManager();
    return (await jsm.streams.info(streams.topology.stream)).state.messages;
  };
  const enqueue = (id: string) => enqueueJob(streams.js, crashJob, {}, { topology: streams.topology, id });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'worker-process-test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'worker-process-test', logger, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
  });
  afterEach(async () => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await streams.remove();
    await deleteTestKeys(redis, redisPrefix);
    await nc.drain();
    await redis.quit();
  });

  it('redoes a job whose worker was killed mid-job on another worker, with one effect', async () => {
    await enqueue('killed-before');
    const first = await startWorker('before-effect');
    await eventually(async () => (await started('killed-before')).length === 1, { what: 'the job to start' });
    first.kill('SIGKILL');
    await exitOf(first);

    const second = await startWorker('none');
    await eventually(async () => (await redis.get('jobs:done:killed-before')) !== null, { what: 'the job to be done' });
    second.kill('SIGTERM');
    expect(await exitOf(second)).toBe(0);

    expect(await redis.get('effect:killed-before')).toBe('1');
    expect(await started('killed-before')).toEqual([`${first.pid}:killed-before:1`, `${second.pid}:killed-before:2`]);
    expect(await jobsLeft()).toBe(0);
  });

  it('does not repeat the effect of a job whose worker died after doing it but before acking', async () => {
    await enqueue('killed-after');
    const first = await startWorker('after-effect');
    await eventually(async () => (await redis.get('jobs:done:killed-after')) !== null, { what: 'the effect' });
    first.kill('SIGKILL');
    await exitOf(first);

    const second = await startWorker('none');
    await eventually(async () => (await jobsLeft()) === 0, { what: 'the redelivered job to be acked' });
    second.kill('SIGTERM');
    expect(await exitOf(second)).toBe(0);

    expect(await redis.get('effect:killed-after')).toBe('1');
    expect(await started('killed-after')).toEqual([`${first.pid}:killed-after:1`]);
  });

  it('dead-letters a job whose worker was killed during its last attempt', async () => {
    const lastTry = { ...crashJob, subject: 'jobs.lasttry.run' as typeof crashJob.subject, maxDeliver: 1 };
    const env = { JOB_SUBJECT: lastTry.subject, JOB_MAX_DELIVER: '1' };
    await enqueueJob(streams.js, lastTry, {}, { topology: streams.topology, id: 'killed-last' });
    const first = await startWorker('before-effect', env);
    await eventually(async () => (await started('killed-last')).length === 1, { what: 'the job to start' });
    first.kill('SIGKILL');
    await exitOf(first);

    const second = await startWorker('none', env);
    const dead = await eventually(async () => {
      const jobs = await listDeadJobs(streams.js, { topology: streams.topology });
      return jobs.find((j) => j.jobId === 'killed-last');
    });
    second.kill('SIGTERM');
    expect(await exitOf(second)).toBe(0);

    expect(dead).toMatchObject({ deliveries: 2, error: expect.stringContaining('no attempt left') });
    expect(await started('killed-last')).toHaveLength(1);
    expect(await redis.get('effect:killed-last')).toBeNull();
  });

  it('finishes the job in flight on SIGTERM and takes no new one before exiting', async () => {
    await enqueue('term-1');
    await enqueue('term-2');
    const worker = await startWorker('slow');
    await eventually(async () => (await started('term-1')).length === 1, { what: 'the first job to start' });
    worker.kill('SIGTERM');
    expect(await exitOf(worker)).toBe(0);

    expect(await redis.get('effect:term-1')).toBe('1');
    expect(await redis.get('jobs:done:term-1')).not.toBeNull();
    expect(await started('term-2')).toEqual([]);
    const jsm = await streams.js.jetstreamManager();
    const subject = jobSubject(streams.topology, crashJob);
    const info = await jsm.streams.info(streams.topology.stream, { subjects_filter: subject });
    expect(info.state.subjects).toEqual({ [subject]: 1 });
  });
});
