import { z } from 'zod';

/** A snowflake id: 64-bit, time-ordered, sent as a decimal string. */
export const Id = z
  .string()
  .regex(/^[1-9][0-9]{0,19}$/, 'must be a snowflake id (decimal string)')
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
