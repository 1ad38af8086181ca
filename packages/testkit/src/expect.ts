import type { Socket } from 'socket.io-client';

/** Everything `socket` receives as `event` from now on. */
export function received<T = unknown>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (data: T) => got.push(data));
  return got;
}

/** Polls `check` until it stops throwing (or times out with its last failure). */
export async function eventually(check: () => unknown | Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Waits, so that a duplicate or stray event would have arrived. */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
