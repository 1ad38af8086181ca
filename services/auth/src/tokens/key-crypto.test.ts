import { describe, expect, it } from 'vitest';
import { createKeyCrypto } from './key-crypto.ts';

describe('signing key encryption', () => {
  const crypto = createKeyCrypto('a-secret-of-at-least-thirty-two-characters');

  it('round-trips and never stores the plain text', () => {
    const sealed = crypto.encrypt('{"d":"private"}');
    expect(sealed).not.toContain('private');
    expect(crypto.decrypt(sealed)).toBe('{"d":"private"}');
  });

  it('refuses a different secret and a tampered key', () => {
    const sealed = crypto.encrypt('{"d":"private"}');
    expect(() => createKeyCrypto('another-secret-of-thirty-two-characters!').decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => crypto.decrypt(parts.join('.'))).toThrow();
  });
});
