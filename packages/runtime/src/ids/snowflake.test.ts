import { describe, expect, it } from 'vitest';
import { createSnowflake, SNOWFLAKE_EPOCH_MS, snowflakeTime } from './snowflake.ts';

describe('snowflake ids', () => {
  it('are unique and increasing within one generator, even within one millisecond', () => {
    const gen = createSnowflake({ workerId: 5, now: () => 1_800_000_000_000 + Math.floor(calls++ / 5000) });
    let calls = 0;
    const ids = Array.from({ length: 20_000 }, () => BigInt(gen.next()));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('never collide between two workers at the same instant', () => {
    const now = () => 1_800_000_000_000;
    const a = createSnowflake({ workerId: 1, now });
    const b = createSnowflake({ workerId: 2, now });
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) ids.add(a.next()).add(b.next());
    expect(ids.size).toBe(2000);
  });

  it('wait out a clock that steps back instead of repeating an id', () => {
    const times = [1_800_000_000_010, 1_800_000_000_000, 1_800_000_000_005, 1_800_000_000_011];
    const gen = createSnowflake({ workerId: 3, now: () => times.shift() ?? 1_800_000_000_011 });
    const first = BigInt(gen.next());
    const second = BigInt(gen.next());
    expect(second > first).toBe(true);
  });

  it('encode their creation time and are decimal strings', () => {
    const at = 1_800_000_123_456;
    const id = createSnowflake({ workerId: 1023, now: () => at }).next();
    expect(id).toMatch(/^[1-9][0-9]*$/);
    expect(snowflakeTime(id).getTime()).toBe(at);
    expect(BigInt(at) > SNOWFLAKE_EPOCH_MS).toBe(true);
  });

  it('refuse an out-of-range worker id, and follow the id a lease holds now', () => {
    expect(() => createSnowflake({ workerId: 1024 })).toThrow(RangeError);
    let held = 1;
    const gen = createSnowflake({ workerId: () => held, now: () => 1_800_000_000_000 });
    expect((BigInt(gen.next()) >> 12n) & 1023n).toBe(1n);
    held = 7;
    expect((BigInt(gen.next()) >> 12n) & 1023n).toBe(7n);
  });
});
