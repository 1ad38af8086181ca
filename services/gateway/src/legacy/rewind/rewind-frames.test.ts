import { snowflakeTime } from '@seed/runtime';
import { describe, expect, it } from 'vitest';
import { idBeforeTime, rewindTime } from './rewind-frames.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('REWIND load datetimes', () => {
  it('reads the form the app sends, month and day unpadded, and the server’s own padded form alike', () => {
    // DateFormat('yyyy-M-d HH:mm:ss.S000'): one digit of fraction, then 000.
    const unpadded = idBeforeTime(b64('2026-12-8 06:17:35.3000'));
    const padded = idBeforeTime(b64('2026-12-08 06:17:35.300000'));
    expect(unpadded).toBe(padded);
    expect(snowflakeTime(unpadded!).toISOString()).toBe('2026-12-08T06:17:35.300Z');
  });

  it('reads back what it writes', () => {
    const at = '2026-12-08T06:17:35.123Z';
    expect(snowflakeTime(idBeforeTime(b64(rewindTime(at)))!).toISOString()).toBe(at);
  });

  it('refuses what strptime would', () => {
    for (const text of ['2026-13-1 00:00:00.0', '2026-2-32 00:00:00', '2026-1-1 24:00:00', 'not a date'])
      expect(idBeforeTime(b64(text))).toBeUndefined();
  });
});
