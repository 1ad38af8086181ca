import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';

/** NATS header the gateway sets from a client's `Idempotency-Key`; never part of the context passed on. */
export const IDEMPOTENCY_KEY_HEADER = 'Seed-Idempotency-Key';

/** An answer as it went out: status 200 is a reply, any other an error reply. */
export interface StoredAnswer {
  status: number;
  message: string;
  data: Uint8Array;
}

export interface IdempotencyClaim {
  /** The answer to the first request with this key: send it again, run nothing. */
  replay?: StoredAnswer;
  /** Keeps `answer` for later retries; a 5xx answer is not kept, so a retry runs again. */
  settle(answer: StoredAnswer): Promise<void>;
}

/** Claims the key for a first request, or returns what the key holds already. */
const CLAIM = `
local held = redis.call('get', KEYS[1])
if held then return held end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;

interface Entry {
  fingerprint: string;
  answer?: { status: number; message: string; body: string };
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('base64url');
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Idempotency keys (the Stripe model): the first request with a key runs and its answer is kept
 * for `ttlMs`; a retry with the same key and the same request gets that answer again without
 * running; the same key with another request is `idempotency_key_reused`, and a retry while the
 * first still runs `idempotency_key_in_use`. Keys are scoped by operation and caller (the user, or
 * the client address when anonymous).
 */
export function createIdempotency(redis: Redis, opts: { ttlMs: number; keyPrefix?: string }) {
  const prefix = `${opts.keyPrefix ?? ''}idempotency:`;
  return {
    async claim(claim: {
      subject: string;
      /** The caller the key belongs to. */
      scope: string;
      key: string;
      request: Uint8Array;
      /** How long a first request may run before a retry may run it again (its process may have died). */
      runningMs: number;
    }): Promise<IdempotencyClaim> {
      const redisKey = `${prefix}${sha256(`${claim.subject}\n${claim.scope}\n${claim.key}`)}`;
      const fingerprint = sha256(claim.request);
      const held = (await redis.eval(
        CLAIM,
        1,
        redisKey,
        JSON.stringify({ fingerprint } satisfies Entry),
        claim.runningMs,
      )) as string | null;
      if (held) {
        const entry = JSON.parse(held) as Entry;
        if (entry.fingerprint !== fingerprint)
          throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with another request');
        if (!entry.answer)
          throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is still running; retry');
        const { status, message, body } = entry.answer;
        return { replay: { status, message, data: encoder.encode(body) }, settle: async () => {} };
      }
      return {
        async settle(answer) {
          if (answer.status >= 500) {
            await redis.del(redisKey);
            return;
          }
          const entry: Entry = {
            fingerprint,
            answer: { status: answer.status, message: answer.message, body: decoder.decode(answer.data) },
          };
          await redis.set(redisKey, JSON.stringify(entry), 'PX', opts.ttlMs);
        },
      };
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
