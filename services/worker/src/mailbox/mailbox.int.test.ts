import { emailSend, listMailbox, smsSend } from '@seed/contracts';
import {
  AppError,
  connectNats,
  createLogger,
  createRedis,
  enqueueJob,
  type NatsConnection,
  type Redis,
  request,
} from '@seed/runtime';
import {
  createTestJobStreams,
  deleteTestKeys,
  eventually,
  type PrivateNats,
  startPrivateNats,
  type TestJobStreams,
  testRedisPrefix,
  testServers,
} from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorkerApp } from '../app.ts';
import { loadConfig } from '../config.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const redisPrefix = testRedisPrefix();

describe('the development mailbox of the worker', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let redis: Redis;
  let streams: TestJobStreams;
  const apps: WorkerApp[] = [];

  const startWorker = async (env: Record<string, string> = {}) => {
    const config = loadConfig({
      NATS_URL: nats.url,
      LOG_LEVEL: 'silent',
      OPS_PORT: '0',
      JOBS_STREAM: streams.topology.stream,
      JOBS_DLQ_STREAM: streams.topology.dlqStream,
      JOBS_SUBJECT_PREFIX: streams.topology.subjectPrefix,
      ...env,
    });
    const app = await createApp(config, { logger, redis, cleanups: [] });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    nats = await startPrivateNats();
    nc = await connectNats({ url: nats.url, name: 'mailbox-test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'mailbox-test', logger, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await streams?.remove();
    await deleteTestKeys(redis, redisPrefix);
    await nc?.drain();
    await redis?.quit();
    await nats?.stop();
  });

  it('keeps what the log drivers deliver, newest first, with links, tokens and codes', async () => {
    const worker = await startWorker();
    const enqueue = { topology: streams.topology };
    await enqueueJob(
      streams.js,
      emailSend,
      { to: 'ada@example.com', subject: 'Confirm', text: 'Open http://localhost:8080/console/?token=t0k3n please' },
      enqueue,
    );
    await enqueueJob(streams.js, smsSend, { to: '+821012345678', text: 'Your code is 482913.' }, enqueue);
    const { messages } = await eventually(async () => {
      const reply = await request(nc, listMailbox, {});
      return reply.messages.length === 2 && reply;
    });
    expect(messages.map((m) => m.kind).sort()).toEqual(['email', 'sms']);
    expect(messages.find((m) => m.kind === 'email')).toMatchObject({
      to: 'ada@example.com',
      subject: 'Confirm',
      links: ['http://localhost:8080/console/?token=t0k3n'],
      tokens: ['t0k3n'],
    });
    expect(messages.find((m) => m.kind === 'sms')?.codes).toEqual(['482913']);
    expect(Date.parse(messages[0]!.sentAt)).toBeGreaterThanOrEqual(Date.parse(messages[1]!.sentAt));

    const { messages: ada } = await request(nc, listMailbox, { to: 'ADA@example.com' });
    expect(ada.map((m) => m.kind)).toEqual(['email']);
    await worker.stop();
  });

  it('keeps nothing in production', async () => {
    await startWorker({ NODE_ENV: 'production' });
    const err = await request(nc, listMailbox, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('service_unavailable');
  });
});
