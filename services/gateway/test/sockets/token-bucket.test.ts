import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../src/sockets/token-bucket.ts';

describe('token bucket', () => {
  it('allows a burst, refuses the next event, and refills over time', () => {
    let t = 0;
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 2, now: () => t });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.retryAfterMs()).toBe(500);
    t = 500;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    t = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
