import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { MAX_WORKER_ID } from './snowflake.ts';

export interface WorkerIdLease {
  /** The worker id held now; reading it while none is held throws `service_unavailable`. */
  readonly workerId: number;
  /** False while no worker id is held (lost, and not yet re-acquired): readiness reports it. */
  isValid(): boolean;
  release(): Promise<void>;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

interface Held {
  workerId: number;
  key: string;
  token: string;
  validUntil: number;
}

/**
 * Leases a snowflake worker id in Redis (`SET NX PX`), renewed in the background, so live
 * replicas never share one. A replica that dies frees its id when the lease expires. A lease that
 * Redis lost (an outage longer than the lease, a flush) is replaced by a fresh id, never one this
 * process lost before (another process may have taken it meanwhile); until then no id is made.
 */
export async function leaseWorkerId(
  redis: Redis,
  opts: { ttlMs?: number; keyPrefix?: string; logger?: Logger } = {},
): Promise<WorkerIdLease> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const prefix = opts.keyPrefix ?? 'seed:snowflake:worker:';
  const lost = new Set<number>();
  let held: Held | undefined;
  let released = false;

  async function acquire(): Promise<Held | undefined> {
    if (lost.size > MAX_WORKER_ID) lost.clear();
    const token = randomUUID();
    const start = Math.floor(Math.random() * (MAX_WORKER_ID + 1));
    for (let i = 0; i <= MAX_WORKER_ID; i++) {
      const workerId = (start + i) % (MAX_WORKER_ID + 1);
      if (lost.has(workerId)) continue;
      const key = `${prefix}${workerId}`;
      if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK')
        return { workerId, key, token, validUntil: Date.now() + ttlMs };
    }
    return undefined;
  }

  function drop(reason: string) {
    if (!held) return;
    opts.logger?.warn({ workerId: held.workerId, reason }, 'snowflake worker id lease lost');
    lost.add(held.workerId);
    held = undefined;
  }

  async function renew() {
    if (held && Date.now() >= held.validUntil) drop('expired');
    if (held) {
      const renewedAt = Date.now();
      if ((await redis.eval(RENEW, 1, held.key, held.token, String(ttlMs))) === 1) held.validUntil = renewedAt + ttlMs;
      else drop('taken');
    }
    if (!held) {
      held = await acquire();
      if (released && held) await redis.eval(RELEASE, 1, held.key, held.token);
      else if (held) opts.logger?.info({ workerId: held.workerId }, 'snowflake worker id leased again');
    }
  }

  held = await acquire();
  if (!held) throw new Error('no snowflake worker id is free');
  // Often enough that a lease Redis forgot is noticed well before anyone else could reuse it long.
  const timer = setInterval(() => {
    renew().catch(() => {
      // Redis unreachable: the lease holds until it runs out, then isValid() reports the loss.
    });
  }, ttlMs / 10);
  timer.unref();

  const isValid = () => held !== undefined && Date.now() < held.validUntil - Math.min(1_000, ttlMs / 3);
  return {
    get workerId() {
      if (!held || !isValid()) throw new AppError('service_unavailable', 'no snowflake worker id is held');
      return held.workerId;
    },
    isValid,
    async release() {
      released = true;
      clearInterval(timer);
      if (held) await redis.eval(RELEASE, 1, held.key, held.token).catch(() => {});
      held = undefined;
    },
  };
}
