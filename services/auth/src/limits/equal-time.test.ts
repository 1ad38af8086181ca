import { describe, expect, it } from 'vitest';
import { atEqualTime } from './equal-time.ts';

describe('equal-time answers', () => {
  it('answer no sooner than the floor, with the result or the error of the work', async () => {
    const started = performance.now();
    await expect(atEqualTime(40, async () => 'done')).resolves.toBe('done');
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    const again = performance.now();
    await expect(
      atEqualTime(40, async () => {
        throw new Error('no account');
      }),
    ).rejects.toThrow('no account');
    expect(performance.now() - again).toBeGreaterThanOrEqual(39);
  });
});
