import { z } from 'zod';

/** The largest id PostgreSQL's `bigint` holds (2^63 − 1). */
const MAX_ID = 9_223_372_036_854_775_807n;

/** A snowflake id: 64-bit, time-ordered, sent as a decimal string. */
export const Id = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/, 'must be a snowflake id (decimal string)')
  // Checked even when the pattern failed: only digits may reach BigInt().
  .refine(
    (id) => id.length < 19 || !/^\d+$/.test(id) || BigInt(id) <= MAX_ID,
    'must be a snowflake id (at most 9223372036854775807)',
  )
  .describe('Snowflake id as a decimal string');
export type Id = z.infer<typeof Id>;

/** ISO 8601 UTC timestamp. */
export const Timestamp = z.iso.datetime();

export const Cursor = z.string().min(1).max(200);
/** Shared `?cursor=&limit=` paging query: limit defaults to 50, more than 100 is a 400. */
export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
