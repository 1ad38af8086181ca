import { defineServiceCleanup } from '@seed/contracts';
import {
  connectNats,
  createLogger,
  createServiceHost,
  type JobContext,
  type NatsConnection,
  type ServiceHost,
} from '@seed/runtime';
import { testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCleanupHandler } from '../src/jobs/index.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const served = defineServiceCleanup(uniqueName('served'));
const absent = defineServiceCleanup(uniqueName('absent'));
const ctx: JobContext = {
  jobId: 'cleanup:2026-01-01T00:00:00.000Z',
  attempt: 1,
  maxAttempts: 3,
  signal: new AbortController().signal,
  logger,
  progress: () => {},
  isDone: async () => false,
  markDone: async () => true,
};

describe('cleanup job', () => {
  let nc: NatsConnection;
  let host: ServiceHost;
  const calls: string[] = [];

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'cleanup-test', logger });
    host = await createServiceHost(nc, { name: served.subject.split('.')[0]!, version: '0.0.1', logger });
    host.serve(served, async ({ period }) => {
      calls.push(period);
      return { purged: { sessions: 2 } };
    });
  });
  afterAll(async () => {
    await host.stop();
    await nc.drain();
  });

  it('asks every declared service to purge for the period', async () => {
    await createCleanupHandler({ nc, cleanups: [served] })({ period: '2026-01-01T00:00:00.000Z' }, ctx);
    expect(calls).toEqual(['2026-01-01T00:00:00.000Z']);
  });

  it('fails, naming the service, when one does not answer, after asking the others', async () => {
    calls.length = 0;
    const run = createCleanupHandler({ nc, cleanups: [absent, served] })({ period: 'p2' }, ctx);
    await expect(run).rejects.toThrow(absent.subject);
    expect(calls).toEqual(['p2']);
  });

  it('does nothing when no service declares a cleanup', async () => {
    await expect(createCleanupHandler({ nc, cleanups: [] })({ period: 'p3' }, ctx)).resolves.toBeUndefined();
  });
});
