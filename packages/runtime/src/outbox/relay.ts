import type { JetStreamClient } from '@nats-io/jetstream';
import { type NatsConnection, headers as natsHeaders } from '@nats-io/nats-core';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Sql } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { encodeJson } from '../nats/codec.ts';
import { processRegistry, sharedGauge } from '../ops/process-registry.ts';
import { readOncePerScrape } from '../ops/scrape-gauges.ts';
import type { OutboxTable } from './outbox.table.ts';
import { outboxChannel } from './write-outbox.ts';

export interface OutboxRelayOptions {
  sql: Sql;
  table: OutboxTable;
  js: JetStreamClient;
  nc: NatsConnection;
  logger: Logger;
  /** Poll period, in case a notification was missed (the relay also wakes on every commit). */
  intervalMs?: number;
  batchSize?: number;
}

export interface OutboxRelay {
  /** Publishes what is due now; resolves with how many rows were published. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  kind: 'job' | 'event';
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
  attempts: number;
}

/**
 * Publishes the outbox: claims due rows with `FOR UPDATE SKIP LOCKED` (so any number of replicas
 * share the work), publishes them — jobs through JetStream with the row id as `Nats-Msg-Id`, so a
 * crash between publish and delete cannot enqueue twice; events on core NATS — and deletes them.
 * A row that fails waits with back-off and does not hold up the others.
 */
export async function startOutboxRelay(opts: OutboxRelayOptions): Promise<OutboxRelay> {
  const { sql, js, nc, logger } = opts;
  const { schema = 'public', name } = getTableConfig(opts.table);
  const table = sql(`${schema}.${name}`);
  const batchSize = opts.batchSize ?? 100;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let passing: Promise<number> | undefined;
  let again = false;

  const publish = async (row: OutboxRow) => {
    const h = natsHeaders();
    for (const [key, value] of Object.entries(row.headers)) h.set(key, value);
    if (row.kind === 'job') await js.publish(row.subject, encodeJson(row.payload), { msgID: row.id, headers: h });
    else nc.publish(row.subject, encodeJson(row.payload), { headers: h });
  };

  const pass = () =>
    sql.begin(async (tx) => {
      const rows = await tx<OutboxRow[]>`
        select id, kind, subject, payload, headers, attempts from ${table}
        where available_at <= now()
        order by available_at, created_at
        limit ${batchSize}
        for update skip locked`;
      const sent: string[] = [];
      let failed = false;
      for (const row of rows) {
        try {
          await publish(row);
          sent.push(row.id);
        } catch (err) {
          const retryInS = Math.min(2 ** row.attempts, 300);
          logger.warn({ err, id: row.id, subject: row.subject, retryInS }, 'outbox row not published');
          await tx`
            update ${table} set attempts = attempts + 1, last_error = ${(err as Error).message},
              available_at = now() + ${retryInS} * interval '1 second'
            where id = ${row.id}`;
          // Likely NATS trouble: leave the rest for the next pass rather than time out on each row.
          failed = true;
          break;
        }
      }
      // Events are only handed to the server once flushed; a NATS outage must not hold the rows' locks for long.
      if (rows.some((r) => r.kind === 'event')) await withTimeout(nc.flush(), 5_000, 'NATS flush timed out');
      if (sent.length > 0) await tx`delete from ${table} where id in ${tx(sent)}`;
      return { published: sent.length, full: !failed && rows.length === batchSize };
    });

  /** Runs passes until the outbox has nothing due; a wake-up during a pass runs another. */
  const drain = async (): Promise<number> => {
    let total = 0;
    do {
      again = false;
      const { published, full } = await pass();
      total += published;
      if (full) again = true;
    } while (again && !stopped);
    return total;
  };

  const wake = (): Promise<number> => {
    if (passing) {
      again = true;
      return passing;
    }
    passing = drain()
      .catch((err) => {
        logger.error({ err }, 'outbox relay pass failed');
        return 0;
      })
      .finally(() => {
        passing = undefined;
      });
    return passing;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await wake();
      schedule();
    }, opts.intervalMs ?? 1_000);
  };

  const listener = await sql.listen(outboxChannel(opts.table), () => void wake());
  schedule();
  void wake();
  const unobserve = observeOutbox(schema, async () => {
    const [row] = await sql<{ rows: number; age: number | null }[]>`
      select count(*)::int as rows, extract(epoch from now() - min(created_at))::float8 as age from ${table}`;
    return { rows: row?.rows ?? 0, oldestAgeSeconds: row?.age ?? 0 };
  });

  return {
    flush: async () => {
      await passing;
      return wake();
    },
    async stop() {
      stopped = true;
      unobserve();
      clearTimeout(timer);
      await listener.unlisten();
      await passing;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type OutboxReading = () => Promise<{ rows: number; oldestAgeSeconds: number }>;
const outboxes = new Set<{ name: string; read: OutboxReading }>();
const readOutboxes = readOncePerScrape(() =>
  Promise.all([...outboxes].map(async ({ name, read }) => ({ name, ...(await read()) }))),
);

/**
 * `seed_outbox_rows{outbox}` (rows not yet published) and `seed_outbox_oldest_age_seconds{outbox}`
 * (how long the oldest has waited; 0 when empty), read from the table when scraped.
 */
function observeOutbox(name: string, read: OutboxReading): () => void {
  const gauge = (metric: string, help: string, value: (o: { rows: number; oldestAgeSeconds: number }) => number) =>
    sharedGauge(processRegistry, {
      name: metric,
      help,
      labelNames: ['outbox'],
      async collect() {
        const outboxRead = await readOutboxes();
        this.reset();
        for (const o of outboxRead ?? []) this.set({ outbox: o.name }, value(o));
      },
    });
  gauge('seed_outbox_rows', 'Outbox rows (jobs and events) not yet published', (o) => o.rows);
  gauge(
    'seed_outbox_oldest_age_seconds',
    'Age of the oldest outbox row not yet published (0 when the outbox is empty)',
    (o) => o.oldestAgeSeconds,
  );
  const outbox = { name, read };
  outboxes.add(outbox);
  return () => outboxes.delete(outbox);
}
