import { fileURLToPath } from 'node:url';
import { defineEvent, defineJob } from '@seed/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDatabase, type Database } from '../db/database.ts';
import { JOB_ID_HEADER } from '../jobs/headers.ts';
import { DEFAULT_JOBS_TOPOLOGY, jobSubject } from '../jobs/topology.ts';
import { createLogger } from '../logger.ts';
import { decodeJson } from '../nats/codec.ts';
import { connectNats, type NatsConnection } from '../nats/connection.ts';
import { REQUEST_ID_HEADER } from '../nats/headers.ts';
import { processRegistry } from '../ops/process-registry.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createTestJobStreams, eventually, type TestJobStreams } from '../testing/jobs.ts';
import { metricValue } from '../testing/metrics.ts';
import { uniqueName } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { outbox } from './fixtures/schema.ts';
import { type OutboxRelay, startOutboxRelay } from './relay.ts';
import { writeOutbox } from './write-outbox.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const migrationsFolder = fileURLToPath(new URL('./fixtures/drizzle', import.meta.url));
const noted = defineJob({ subject: 'jobs.note.write', payload: z.object({ n: z.number() }) });
const happened = defineEvent({ subject: `${uniqueName('test')}.thing.happened`, payload: z.object({ n: z.number() }) });

describe('outbox', () => {
  let testDb: TestDatabase;
  let database: Database<{ outbox: typeof outbox }>;
  let nc: NatsConnection;
  let streams: TestJobStreams;
  const relays: OutboxRelay[] = [];

  const startRelay = async () => {
    const relay = await startOutboxRelay({
      sql: database.sql,
      table: outbox,
      js: streams.js,
      nc,
      logger,
      intervalMs: 200,
    });
    relays.push(relay);
    return relay;
  };
  const jobsOnSubject = async () => {
    const jsm = await streams.js.jetstreamManager();
    const subject = jobSubject(streams.topology, noted);
    const info = await jsm.streams.info(streams.topology.stream, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  };
  const rows = () => database.db.select().from(outbox);

  beforeAll(async () => {
    testDb = await createTestDatabase([{ schemaName: 'outbox_test', migrationsFolder }]);
    database = createDatabase({ url: testDb.url, poolSize: 4, schema: { outbox }, appName: 'outbox-test' });
    nc = await connectNats({ url: testServers().natsUrl, name: 'outbox-test', logger });
    streams = await createTestJobStreams(nc);
  });
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await streams.remove();
    await nc.drain();
    await database.close();
    await testDb.drop();
  });

  it('publishes a job written in a committed transaction, with its id as Nats-Msg-Id', async () => {
    const relay = await startRelay();
    await database.db.transaction(async (tx) => {
      await writeOutbox(
        tx,
        outbox,
        noted,
        { n: 1 },
        { id: 'outbox-1', topology: streams.topology, context: { requestId: 'req-1' } },
      );
    });
    await eventually(async () => (await jobsOnSubject()) === 1, { what: 'the job to be published' });
    const jsm = await streams.js.jetstreamManager();
    const msg = await jsm.streams.getMessage(streams.topology.stream, {
      last_by_subj: jobSubject(streams.topology, noted),
    });
    expect(decodeJson(msg!.data)).toEqual({ n: 1 });
    expect(msg!.header.get('Nats-Msg-Id')).toBe('outbox-1');
    expect(msg!.header.get(JOB_ID_HEADER)).toBe('outbox-1');
    expect(msg!.header.get(REQUEST_ID_HEADER)).toBe('req-1');
    await eventually(async () => (await rows()).length === 0, { what: 'the row to be deleted' });
    await relay.flush();
  });

  it('publishes nothing for a transaction that rolls back', async () => {
    const [relay] = relays;
    const before = await jobsOnSubject();
    await expect(
      database.db.transaction(async (tx) => {
        await writeOutbox(tx, outbox, noted, { n: 2 }, { id: 'outbox-2', topology: streams.topology });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await database.db.transaction(async (tx) => {
      await writeOutbox(tx, outbox, noted, { n: 3 }, { id: 'outbox-3', topology: streams.topology });
    });
    await relay!.flush();
    await eventually(async () => (await rows()).length === 0, { what: 'the outbox to be empty' });
    expect(await jobsOnSubject()).toBe(before + 1);
    const jsm = await streams.js.jetstreamManager();
    const last = await jsm.streams.getMessage(streams.topology.stream, {
      last_by_subj: jobSubject(streams.topology, noted),
    });
    expect(last!.header.get(JOB_ID_HEADER)).toBe('outbox-3');
  });

  it('publishes every event once when two relays share the outbox', async () => {
    await startRelay();
    const seen: number[] = [];
    const sub = nc.subscribe(happened.subject, {
      callback: (_err, msg) => {
        seen.push((decodeJson(msg.data) as { n: number }).n);
      },
    });
    await nc.flush();
    for (let batch = 0; batch < 4; batch++)
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 10; i++) await writeOutbox(tx, outbox, happened, { n: batch * 10 + i });
      });
    await eventually(() => seen.length >= 40, { what: 'every event' });
    await Promise.all(relays.map((r) => r.flush()));
    await nc.flush();
    sub.unsubscribe();
    expect(seen.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('keeps a job it cannot publish for a later try without holding up the rest', async () => {
    const [relay] = relays;
    const nowhere = { ...DEFAULT_JOBS_TOPOLOGY, subjectPrefix: uniqueName('nostream') };
    await database.db.transaction(async (tx) => {
      await writeOutbox(tx, outbox, noted, { n: 4 }, { id: 'outbox-4', topology: nowhere });
      await writeOutbox(tx, outbox, noted, { n: 5 }, { id: 'outbox-5', topology: streams.topology });
    });
    await relay!.flush();
    const [stuck] = await eventually(async () => {
      const left = await rows();
      return left.length === 1 && left[0]!.attempts > 0 && left;
    });
    expect(stuck).toMatchObject({ id: 'outbox-4', attempts: 1 });
    expect(stuck!.lastError).toBeTruthy();
    expect(stuck!.availableAt.getTime()).toBeGreaterThan(stuck!.createdAt.getTime());
    // What an operator's alert sees: one row waiting, and for how long.
    const waiting = await processRegistry.metrics();
    expect(metricValue(waiting, 'seed_outbox_rows', { outbox: 'outbox_test' })).toBe(1);
    const age = metricValue(waiting, 'seed_outbox_oldest_age_seconds', { outbox: 'outbox_test' });
    expect(age).toBeGreaterThan(0);
    await database.db.delete(outbox).where(eq(outbox.id, 'outbox-4'));
    const emptied = await processRegistry.metrics();
    expect(metricValue(emptied, 'seed_outbox_rows', { outbox: 'outbox_test' })).toBe(0);
    expect(metricValue(emptied, 'seed_outbox_oldest_age_seconds', { outbox: 'outbox_test' })).toBe(0);
  });

  it('refuses a payload that breaks its contract', async () => {
    await expect(
      database.db.transaction((tx) => writeOutbox(tx, outbox, noted, { n: 'x' } as never)),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
