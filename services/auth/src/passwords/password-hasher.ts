import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which type stripping cannot read). */
const ARGON2ID = 2 as Algorithm;
/** OWASP's argon2id baseline; hashing runs on libuv's thread pool, off the event loop. */
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a verify when there is no account, so the answer takes as long. */
  verifyNothing(password: string): Promise<false>;
}

/** Runs at most `limit` tasks at once; the rest wait in order. */
function createGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * argon2id hashing with at most `concurrency` hashes at once: each one keeps a core busy for tens
 * of milliseconds, and leaving a core to the event loop keeps every other request fast.
 */
export async function createPasswordHasher(opts: { concurrency?: number } = {}): Promise<PasswordHasher> {
  const gate = createGate(Math.max(1, opts.concurrency ?? 4));
  const dummy = await hash('no account has this password', PARAMS);
  const check = (stored: string, password: string) => gate(() => verify(stored, password).catch(() => false));
  return {
    hash: (password) => gate(() => hash(password, PARAMS)),
    verify: check,
    verifyNothing: async (password) => {
      await check(dummy, password);
      return false;
    },
  };
}
