import { describe, expect, it } from 'vitest';
import { keySchedule } from './key-schedule.ts';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));
const ttl = 15 * 60_000;

describe('key schedule', () => {
  const keys = [
    { kid: 'a', activatesAt: t(0) },
    { kid: 'b', activatesAt: t(60) },
    { kid: 'c', activatesAt: t(120) },
  ];

  it('signs with the newest active key and publishes a key before it signs', () => {
    const s = keySchedule(keys, t(90), ttl, 0);
    expect(s.signing?.kid).toBe('b');
    expect(s.published.map((k) => k.kid)).toEqual(['b', 'c']);
    expect(s.expired.map((k) => k.kid)).toEqual(['a']);
  });

  it('keeps a replaced key published until every token it signed has expired', () => {
    expect(keySchedule(keys, t(70), ttl, 0).published.map((k) => k.kid)).toEqual(['a', 'b', 'c']);
    expect(keySchedule(keys, t(76), ttl, 0).published.map((k) => k.kid)).toEqual(['b', 'c']);
  });

  it('has no signing key before the first activates', () => {
    expect(keySchedule(keys, new Date(t(0).getTime() - 1), ttl).signing).toBeUndefined();
  });
});
