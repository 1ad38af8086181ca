import { randomUUID } from 'node:crypto';
import type { EventContract, JobContract } from '@seed/contracts';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { currentContext, type RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { JOB_ID_HEADER } from '../jobs/headers.ts';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology, jobSubject } from '../jobs/topology.ts';
import { contextHeaders } from '../nats/headers.ts';
import { zodDetails } from '../nats/zod-details.ts';
import type { OutboxTable } from './outbox.table.ts';

/** A drizzle database or transaction; pass the transaction that makes the change. */
export type OutboxWriter = Pick<PgDatabase<PgQueryResultHKT, Record<string, unknown>>, 'insert' | 'execute'>;

export interface WriteOutboxOptions {
  /** The job id (kept on redelivery and replay); a repeated id is written once. */
  id?: string;
  topology?: JobsTopology;
  context?: RequestContext;
}

/** The channel the relay listens on for fresh rows of `table`. */
export const outboxChannel = (table: OutboxTable): string => `${getTableConfig(table).schema ?? 'public'}_outbox`;

/**
 * Writes a job or event to the outbox inside the caller's transaction (validated here), and wakes
 * the relay when that transaction commits. Nothing is published if it rolls back.
 */
export async function writeOutbox<C extends JobContract | EventContract>(
  tx: OutboxWriter,
  table: OutboxTable,
  contract: C,
  payload: z.input<C['payload']>,
  opts: WriteOutboxOptions = {},
): Promise<string> {
  const parsed = contract.payload.safeParse(payload);
  if (!parsed.success)
    throw new AppError('validation_failed', `invalid ${contract.subject} ${contract.kind}`, zodDetails(parsed.error));
  const id = opts.id ?? randomUUID();
  const headers = Object.fromEntries(
    [...contextHeaders(opts.context ?? currentContext())].map(([key, values]) => [key, values[0] ?? '']),
  );
  const isJob = contract.kind === 'job';
  if (isJob) headers[JOB_ID_HEADER] = id;
  await tx
    .insert(table)
    .values({
      id,
      kind: contract.kind,
      subject: isJob ? jobSubject(opts.topology ?? DEFAULT_JOBS_TOPOLOGY, contract) : contract.subject,
      payload: parsed.data,
      headers,
    })
    .onConflictDoNothing();
  await tx.execute(sql`select pg_notify(${outboxChannel(table)}, '')`);
  return id;
}
