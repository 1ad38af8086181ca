import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { createSnowflake, type SnowflakeGenerator } from './snowflake.ts';
import { leaseWorkerId, type WorkerIdLease } from './worker-id-lease.ts';

/** A service's id generator on a worker id leased in Redis; `lease.isValid` is its `ids` readiness. */
export async function createLeasedSnowflake(
  redis: Redis,
  logger: Logger,
): Promise<{ ids: SnowflakeGenerator; lease: WorkerIdLease }> {
  const lease = await leaseWorkerId(redis, { logger });
  return { ids: createSnowflake({ workerId: () => lease.workerId }), lease };
}
