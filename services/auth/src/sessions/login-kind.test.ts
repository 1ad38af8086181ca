import { describe, expect, it } from 'vitest';
import { loginKind } from './sessions.service.ts';

describe('a typed login', () => {
  it('is an email, an E.164 phone or else a nickname', () => {
    expect(loginKind('Ada@Example.com')).toBe('email');
    expect(loginKind('+821012345678')).toBe('phone');
    expect(loginKind('ada_l')).toBe('nickname');
    expect(loginKind('+ada')).toBe('nickname');
  });
});
