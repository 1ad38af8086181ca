import { Svcm } from '@nats-io/services';
import { defineRequest } from '@seed/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createRedis, type Redis } from '../redis.ts';
import { uniqueName } from '../testing/names.ts';
import { type PrivateRedis, startPrivateRedis } from '../testing/private-redis.ts';
import { testServers } from '../testing/servers.ts';
import { connectNats, type NatsConnection } from './connection.ts';
import { request } from './request.ts';
import { createServiceHost, type ServiceHost } from './service-host.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('test');
const greet = defineRequest({
  subject: `${prefix}.greeting.get`,
  access: 'user',
  request: z.object({ name: z.string().min(1) }),
  reply: z.object({ text: z.string(), caller: z.string() }),
  errors: ['not_found'],
});
const counted = defineRequest({
  subject: `${prefix}.count.get`,
  access: 'public',
  request: z.object({}),
  reply: z.object({ n: z.number() }),
});
const broken = defineRequest({
  subject: `${prefix}.broken.get`,
  access: 'public',
  request: z.object({}),
  reply: z.object({ n: z.number() }),
});

describe('service host', () => {
  let nc: NatsConnection;
  let host: ServiceHost;
  let redisServer: PrivateRedis;
  let redis: Redis;
  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redisServer = await startPrivateRedis();
    redis = createRedis({ url: redisServer.url, name: 'test', logger });
    host = await createServiceHost(nc, { name: prefix, version: '0.0.1', logger });
    host.serve(greet, async ({ name }, ctx) => {
      if (name === 'nobody') throw new AppError('not_found', 'no such person');
      return { text: `hello ${name}`, caller: ctx.caller.userId };
    });
    host.serve(counted, async () => ({ n: await redis.incr('count') }));
    host.serve(broken, async () => {
      throw new Error('secret stack detail');
    });
  });
  afterAll(async () => {
    await host.stop();
    await nc.drain();
    redis.disconnect();
    await redisServer.stop();
  });

  const as = { requestId: 'r1', caller: { userId: '42', sessionId: '7' } };

  it('answers a valid request with its reply and sees the caller', async () => {
    await expect(request(nc, greet, { name: 'ada' }, { context: as })).resolves.toEqual({
      text: 'hello ada',
      caller: '42',
    });
  });

  it('turns a domain error into the same typed error at the caller', async () => {
    await expect(request(nc, greet, { name: 'nobody' }, { context: as })).rejects.toMatchObject({
      code: 'not_found',
      message: 'no such person',
    });
  });

  it('refuses a user operation without a caller', async () => {
    await expect(request(nc, greet, { name: 'ada' }, { context: { requestId: 'r2' } })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('answers invalid input with validation_failed and the issues', async () => {
    const reply = await nc.request(greet.subject, new TextEncoder().encode('{"name":""}'), { timeout: 2000 });
    const body = JSON.parse(new TextDecoder().decode(reply.data));
    expect(reply.headers?.get('Nats-Service-Error-Code')).toBe('400');
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0].path).toBe('name');
  });

  it('hides an unexpected error behind internal', async () => {
    const err = await request(nc, broken, {}).catch((e) => e);
    expect(err).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(err)).not.toContain('secret');
  });

  it('answers service_unavailable, not internal, while the Redis a handler needs stalls', async () => {
    await expect(request(nc, counted, {})).resolves.toEqual({ n: 1 });
    redisServer.stall();
    try {
      await expect(request(nc, counted, {})).rejects.toMatchObject({ code: 'service_unavailable' });
    } finally {
      redisServer.resume();
    }
  });

  it('reports service_unavailable when nothing serves the subject', async () => {
    const nobody = { ...broken, subject: `${prefix}.nobody.get` };
    await expect(request(nc, nobody, {})).rejects.toMatchObject({ code: 'service_unavailable' });
  });

  it('is discoverable with stats on $SRV', async () => {
    await request(nc, greet, { name: 'ada' }, { context: as });
    const client = new Svcm(nc).client();
    const [info] = await collect(await client.info(prefix));
    expect(info?.endpoints.map((e) => e.subject)).toEqual(expect.arrayContaining([greet.subject, broken.subject]));
    expect(info?.endpoints.find((e) => e.subject === greet.subject)?.queue_group).toBe(prefix);
    const [stats] = await collect(await client.stats(prefix));
    const greetStats = stats?.endpoints?.find((e) => e.subject === greet.subject);
    expect(greetStats?.num_requests).toBeGreaterThan(0);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
