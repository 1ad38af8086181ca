import type { cleanupRun, ServiceCleanupContract } from '@seed/contracts';
import { type JobHandler, type NatsConnection, request } from '@seed/runtime';

/**
 * `jobs.cleanup.run`: asks every service that declares a cleanup (`defineServiceCleanup`, listed in
 * the registry's requests) to purge its expired data, all at once. A service that fails or does not answer
 * fails the job, which is retried for all of them (each purge is idempotent).
 */
export function createCleanupHandler(deps: {
  nc: NatsConnection;
  cleanups: readonly ServiceCleanupContract[];
}): JobHandler<typeof cleanupRun> {
  const { cleanups } = deps;
  return async ({ period }, ctx) => {
    if (cleanups.length === 0) {
      ctx.logger.info({ period }, 'no service declares a cleanup');
      return;
    }
    const results = await Promise.allSettled(cleanups.map((c) => request(deps.nc, c, { period })));
    const failed: string[] = [];
    results.forEach((result, i) => {
      const subject = cleanups[i]!.subject;
      if (result.status === 'fulfilled') ctx.logger.info({ subject, purged: result.value.purged }, 'cleanup done');
      else {
        ctx.logger.warn({ subject, err: result.reason }, 'cleanup failed');
        failed.push(`${subject} (${(result.reason as Error).message})`);
      }
    });
    if (failed.length > 0) throw new Error(`cleanup failed: ${failed.join(', ')}`);
  };
}
