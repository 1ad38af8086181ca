/** 2026-01-01T00:00:00Z: ids stay positive 64-bit for ~69 years from here. */
export const SNOWFLAKE_EPOCH_MS = 1_767_225_600_000n;
export const MAX_WORKER_ID = 1023;
const SEQUENCE_BITS = 12n;
const WORKER_BITS = 10n;
const MAX_SEQUENCE = (1n << SEQUENCE_BITS) - 1n;

export interface SnowflakeGenerator {
  next(): string;
  readonly workerId: number;
}

/**
 * 41 bits of milliseconds since the epoch, 10 bits of worker id, 12 bits of sequence. The worker
 * id must be unique among live processes (see `leaseWorkerId`). A clock that steps back makes the
 * generator wait for it rather than repeat an id.
 */
export function createSnowflake(opts: {
  /** A fixed id, or the id held now (a lease, which throws while it holds none). */
  workerId: number | (() => number);
  now?: () => number;
}): SnowflakeGenerator {
  const workerIdNow = typeof opts.workerId === 'function' ? opts.workerId : () => opts.workerId as number;
  const checked = () => {
    const id = workerIdNow();
    if (!Number.isInteger(id) || id < 0 || id > MAX_WORKER_ID)
      throw new RangeError(`worker id must be 0..${MAX_WORKER_ID}`);
    return id;
  };
  if (typeof opts.workerId === 'number') checked();
  const now = opts.now ?? Date.now;
  let lastMs = -1n;
  let sequence = 0n;
  return {
    get workerId() {
      return checked();
    },
    next() {
      const worker = BigInt(checked());
      let ms = BigInt(now()) - SNOWFLAKE_EPOCH_MS;
      while (ms < lastMs) ms = BigInt(now()) - SNOWFLAKE_EPOCH_MS;
      if (ms === lastMs) {
        sequence = (sequence + 1n) & MAX_SEQUENCE;
        if (sequence === 0n) while (ms <= lastMs) ms = BigInt(now()) - SNOWFLAKE_EPOCH_MS;
      } else {
        sequence = 0n;
      }
      lastMs = ms;
      return ((ms << (WORKER_BITS + SEQUENCE_BITS)) | (worker << SEQUENCE_BITS) | sequence).toString();
    },
  };
}

/** When an id was made (for cursors and debugging). */
export const snowflakeTime = (id: string): Date =>
  new Date(Number((BigInt(id) >> (WORKER_BITS + SEQUENCE_BITS)) + SNOWFLAKE_EPOCH_MS));
