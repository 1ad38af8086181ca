export interface TokenBucket {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
  /** Milliseconds until the next token. */
  retryAfterMs(): number;
}

/** `capacity` events at once, then `refillPerSecond` on average. */
export function createTokenBucket(opts: {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}): TokenBucket {
  const now = opts.now ?? Date.now;
  let tokens = opts.capacity;
  let last = now();

  function refill() {
    const t = now();
    tokens = Math.min(opts.capacity, tokens + ((t - last) / 1000) * opts.refillPerSecond);
    last = t;
  }

  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    retryAfterMs() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / opts.refillPerSecond) * 1000);
    },
  };
}
