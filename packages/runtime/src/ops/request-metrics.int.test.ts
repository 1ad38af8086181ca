import { defineRequest } from '@seed/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { connectNats, type NatsConnection } from '../nats/connection.ts';
import { request } from '../nats/request.ts';
import { createServiceHost, type ServiceHost } from '../nats/service-host.ts';
import { metricSamples, metricValue, scrapeMetrics } from '../testing/metrics.ts';
import { uniqueName } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { type OpsServer, startOpsServer } from './ops-server.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const service = uniqueName('metrics');
const lookup = defineRequest({
  subject: `${service}.thing.get`,
  access: 'public',
  request: z.object({ name: z.string().min(1) }),
  reply: z.object({ name: z.string() }),
  errors: ['not_found'],
});

describe('request metrics on the ops port', () => {
  let nc: NatsConnection;
  let host: ServiceHost;
  let ops: OpsServer;
  const scrape = () => scrapeMetrics(`http://127.0.0.1:${ops.port()}/metrics`);
  const requests = (text: string, outcome: string) =>
    metricValue(text, 'seed_nats_requests_total', { service, subject: lookup.subject, outcome });

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    // The host starts before the ops server and registers nothing itself: both use the process registry.
    host = await createServiceHost(nc, { name: service, version: '0.0.1', logger });
    host.serve(lookup, ({ name }) => {
      if (name === 'missing') throw new AppError('not_found', 'no such thing');
      if (name === 'crash') throw new Error('database is down');
      return { name };
    });
    ops = await startOpsServer({ port: 0, host: '127.0.0.1', service: 'test-process', checks: {} });
  });
  afterAll(async () => {
    await ops?.close();
    await host?.stop();
    await nc?.drain();
  });

  it('counts answered requests by outcome, under the service and subject that answered', async () => {
    const before = await scrape();
    await request(nc, lookup, { name: 'a' });
    await request(nc, lookup, { name: 'b' });
    await expect(request(nc, lookup, { name: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
    // Sent raw: a typed caller refuses invalid input before it leaves.
    const invalid = await nc.request(lookup.subject, 'not json', { timeout: 5_000 });
    expect(invalid.headers?.get('Nats-Service-Error-Code')).toBe('400');
    await expect(request(nc, lookup, { name: 'crash' })).rejects.toMatchObject({ code: 'internal' });
    const after = await scrape();

    expect(requests(after, 'ok') - requests(before, 'ok')).toBe(2);
    expect(requests(after, 'client_error') - requests(before, 'client_error')).toBe(2);
    expect(requests(after, 'server_error') - requests(before, 'server_error')).toBe(1);
  });

  it('times every answered request in a histogram per subject', async () => {
    const before = await scrape();
    await request(nc, lookup, { name: 'timed' });
    await expect(request(nc, lookup, { name: 'missing' })).rejects.toThrow();
    const after = await scrape();
    const count = (text: string) =>
      metricValue(text, 'seed_nats_request_duration_seconds_count', { service, subject: lookup.subject });
    expect(count(after) - count(before)).toBe(2);
    const buckets = metricSamples(after, 'seed_nats_request_duration_seconds_bucket')
      .filter((s) => s.labels.subject === lookup.subject)
      .map((s) => s.labels.le);
    expect(buckets).toEqual(expect.arrayContaining(['0.0005', '5', '+Inf']));
  });

  it("serves Node's process metrics beside them, labelled with the process's service", async () => {
    const text = await scrape();
    expect(metricSamples(text, 'process_cpu_user_seconds_total')[0]?.labels.service).toBe('test-process');
    expect(metricSamples(text, 'nodejs_eventloop_lag_seconds').length).toBeGreaterThan(0);
  });
});
