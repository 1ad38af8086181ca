import { index, integer, jsonb, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox of one service, in that service's schema: a job or event written in
 * the same transaction as the change that causes it, published afterwards by the relay. Include
 * it in the service's drizzle schema (`export const outbox = outboxTable(authSchema)`) so its
 * migrations create it.
 */
export function outboxTable<S extends string>(schema: PgSchema<S>) {
  return schema.table(
    'outbox',
    {
      /** The job id (its `Nats-Msg-Id`) or the event's id. */
      id: text('id').primaryKey(),
      kind: text('kind', { enum: ['job', 'event'] }).notNull(),
      subject: text('subject').notNull(),
      payload: jsonb('payload').notNull(),
      headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      attempts: integer('attempts').notNull().default(0),
      /** Rows that failed to publish wait until then (back-off), so they do not hold up the rest. */
      availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
      lastError: text('last_error'),
    },
    (t) => [index('outbox_available_at_idx').on(t.availableAt, t.createdAt)],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;
