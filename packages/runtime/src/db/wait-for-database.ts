import postgres from 'postgres';
import type { Logger } from '../logger.ts';
import { redactUrl } from '../startup/redact-url.ts';
import { reasonOf, retryUntil } from '../startup/retry-until.ts';
import { StartupError } from '../startup/startup-error.ts';

// Errors of a server not (yet) there, as opposed to one that refuses us (bad password, no database).
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  '57P03',
  'ENOTFOUND',
]);

/**
 * Resolves once PostgreSQL at `url` answers a query; throws a StartupError naming the cause when
 * it refuses us, or when `timeoutMs` passes without an answer.
 */
export async function waitForDatabase(opts: { url: string; timeoutMs: number; logger: Logger }): Promise<void> {
  const target = redactUrl(opts.url);
  opts.logger.info({ database: target }, 'connecting to PostgreSQL');
  const deadline = Date.now() + opts.timeoutMs;
  try {
    await retryUntil({
      deadline,
      retryable: (err) => TRANSIENT.has((err as { code?: string }).code ?? ''),
      attempt: async (remainingMs) => {
        const sql = postgres(opts.url, {
          max: 1,
          connect_timeout: Math.max(1, Math.ceil(Math.min(remainingMs, 10_000) / 1_000)),
          onnotice: () => {},
        });
        try {
          await sql`select 1`;
        } finally {
          await sql.end({ timeout: 1 });
        }
      },
    });
  } catch (err) {
    throw new StartupError('PostgreSQL', target, reasonOf(err));
  }
}
