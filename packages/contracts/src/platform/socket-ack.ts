import { z } from 'zod';
import { ErrorBody } from '../errors.ts';

/**
 * What an acknowledgement on namespace `/` carries: `{ok: true, data}` with the reply, or
 * `{ok: false, error}` with the typed error.
 */
export const socketAck = <R extends z.ZodType>(reply: R) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: reply }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);
