import { Writable } from 'node:stream';
import { defineJob, defineRequest } from '@seed/contracts';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type JobConsumer, startJobConsumer } from '../jobs/consumer.ts';
import { createRedisDoneRecords } from '../jobs/done-records.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { createLogger } from '../logger.ts';
import { createRedis } from '../redis.ts';
import { createTestJobStreams, deleteTestKeys, eventually, type TestJobStreams } from '../testing/jobs.ts';
import { testRedisPrefix, uniqueName } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { connectNats, type NatsConnection } from './connection.ts';
import { request } from './request.ts';
import { createServiceHost, type ServiceHost } from './service-host.ts';

/** Log lines as written, and parsed. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, stream, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Keys that appear twice at the top level of one JSON line (JSON.parse keeps only the last). */
function repeatedKeys(line: string): string[] {
  const keys = [...line.matchAll(/[{,]"([^"]+)":/g)].map((m) => m[1]!);
  const top = keys.filter((k) => ['reqId', 'userId', 'subject', 'job', 'jobId', 'msg', 'level'].includes(k));
  return top.filter((k, i) => top.indexOf(k) !== i);
}

const prefix = uniqueName('logs');
const hello = defineRequest({
  subject: `${prefix}.greeting.get`,
  access: 'user',
  request: z.object({ name: z.string() }),
  reply: z.object({ text: z.string() }),
});
const note = defineJob({ subject: 'jobs.note.write', payload: z.object({ n: z.number() }), ackWaitMs: 5_000 });

describe('lines logged for handled requests and jobs', () => {
  const log = capture();
  const logger = createLogger({ service: 'test', level: 'debug' }, log.stream);
  const quiet = createLogger({ service: 'test', level: 'silent' });
  let nc: NatsConnection;
  let host: ServiceHost;
  let redis: Redis;
  let streams: TestJobStreams;
  let consumer: JobConsumer;
  const redisPrefix = testRedisPrefix();

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger: quiet });
    host = await createServiceHost(nc, { name: prefix, version: '0.0.1', logger });
    host.serve(hello, ({ name }, ctx) => {
      ctx.logger.info({ name }, 'greeting');
      return { text: `hello ${name}` };
    });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger: quiet, keyPrefix: redisPrefix });
    streams = await createTestJobStreams(nc);
    consumer = await startJobConsumer(
      streams.js,
      note,
      async ({ n }, ctx) => {
        ctx.logger.info({ n }, 'noting');
        if (ctx.attempt === 1) throw new Error('first try fails');
      },
      {
        done: createRedisDoneRecords(redis),
        logger,
        topology: streams.topology,
        fetchExpiresMs: 1_000,
      },
    );
  });
  afterAll(async () => {
    await consumer?.stop();
    await host?.stop();
    await streams?.remove();
    await deleteTestKeys(redis, redisPrefix);
    await redis?.quit();
    await nc?.drain();
  });

  it('logs each handled request at debug with its duration and request id, each key once', async () => {
    const context = { requestId: 'req-logs-1', caller: { userId: '42', sessionId: '7' } };
    await request(nc, hello, { name: 'ada' }, { context });
    const lines = await eventually(() => {
      const mine = log.lines.filter((l) => l.includes('req-logs-1'));
      return mine.length >= 2 && mine;
    });
    for (const line of lines) expect(repeatedKeys(line), line).toEqual([]);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e.msg === 'greeting')).toMatchObject({ reqId: 'req-logs-1', userId: '42' });
    const handled = entries.find((e) => e.msg === 'request handled');
    expect(handled).toMatchObject({ level: 20, reqId: 'req-logs-1', subject: hello.subject, status: 200 });
    expect(typeof handled?.ms).toBe('number');
  });

  it("carries the job's request id once on the runner's lines and the handler's", async () => {
    await enqueueJob(streams.js, note, { n: 1 }, { topology: streams.topology, context: { requestId: 'req-job-1' } });
    const lines = await eventually(() => {
      const mine = log.lines.filter((l) => l.includes('req-job-1'));
      return (
        mine.some((l) => l.includes('will retry')) && mine.filter((l) => l.includes('noting')).length === 2 && mine
      );
    });
    for (const line of lines) expect(repeatedKeys(line), line).toEqual([]);
    expect(log.entries().filter((e) => e.reqId === 'req-job-1' && e.jobId).length).toBeGreaterThanOrEqual(3);
  });
});
