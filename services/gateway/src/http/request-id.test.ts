import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from './request-id.ts';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('requestIdOf', () => {
  it('keeps a short plain id', () => {
    expect(requestIdOf(withHeader('abc-123_x.Y'))).toBe('abc-123_x.Y');
  });

  it('replaces a missing, long or unusual id with a fresh one', () => {
    for (const value of [undefined, '', 'a'.repeat(129), 'has space', 'line\nbreak', '<script>']) {
      const id = requestIdOf(withHeader(value));
      expect(id).not.toBe(value);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
