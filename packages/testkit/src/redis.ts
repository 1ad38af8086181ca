import type { Redis } from '@seed/runtime';

/** Closes a client whether or not its server answers (a test may have stalled or stopped it). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
