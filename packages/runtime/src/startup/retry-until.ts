import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `attempt` until it resolves, `retryable` says no, or `deadline` (epoch ms) passes; then
 * throws the last error. Each attempt is told how long it may take.
 */
export async function retryUntil<T>(opts: {
  deadline: number;
  attempt: (remainingMs: number) => Promise<T>;
  retryable?: (err: unknown) => boolean;
  pauseMs?: number;
}): Promise<T> {
  for (;;) {
    const remaining = opts.deadline - Date.now();
    try {
      return await opts.attempt(Math.max(1, remaining));
    } catch (err) {
      if (opts.retryable && !opts.retryable(err)) throw err;
      const pause = Math.min(opts.pauseMs ?? 500, opts.deadline - Date.now());
      if (pause <= 0) throw err;
      await sleep(pause);
    }
  }
}

/** The reason an error gives, as one short line. */
export function reasonOf(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { message?: string } } | undefined;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  const line = message.split('\n')[0] ?? message;
  return e?.code && !line.includes(e.code) ? `${line} (${e.code})` : line;
}
