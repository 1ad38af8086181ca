import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MAX_WORKER_ID } from './snowflake.ts';

export interface WorkerIdLease {
  workerId: number;
  /** False once the lease could not be renewed before it expired. */
  isValid(): boolean;
  release(): Promise<void>;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Leases a snowflake worker id in Redis (`SET NX PX`), renewed in the background, so live
 * replicas never share one. A replica that dies frees its id when the lease expires.
 */
export async function leaseWorkerId(
  redis: Redis,
  opts: { ttlMs?: number; keyPrefix?: string } = {},
): Promise<WorkerIdLease> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const prefix = opts.keyPrefix ?? 'seed:snowflake:worker:';
  const token = randomUUID();
  const start = Math.floor(Math.random() * (MAX_WORKER_ID + 1));
  for (let i = 0; i <= MAX_WORKER_ID; i++) {
    const workerId = (start + i) % (MAX_WORKER_ID + 1);
    const key = `${prefix}${workerId}`;
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') continue;
    let validUntil = Date.now() + ttlMs;
    const timer = setInterval(async () => {
      try {
        if ((await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1) validUntil = Date.now() + ttlMs;
      } catch {
        // Keep trying until the lease runs out; isValid() reports the loss.
      }
    }, ttlMs / 3);
    timer.unref();
    return {
      workerId,
      isValid: () => Date.now() < validUntil - 1_000,
      async release() {
        clearInterval(timer);
        await redis.eval(RELEASE, 1, key, token).catch(() => {});
      },
    };
  }
  throw new Error('no snowflake worker id is free');
}
