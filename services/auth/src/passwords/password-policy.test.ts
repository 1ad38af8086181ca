import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.ts';

const account = { email: 'Ada.Lovelace@example.com', nickname: 'ada_l' };

describe('password policy', () => {
  it('accepts a long unusual password', () => {
    expect(passwordProblems('correct horse battery', account)).toEqual([]);
  });

  it('refuses short, common, repetitive passwords and ones equal to the email or nickname', () => {
    expect(passwordProblems('short', account)).toContain('must be at least 10 characters');
    expect(passwordProblems('Password123', account)).toContain('is a commonly used password');
    expect(passwordProblems('ababababab', account)).toContain('must not repeat one or two characters');
    expect(passwordProblems('ada.lovelace@example.com', account)).toContain('must not be the email address');
    expect(passwordProblems('ada_lovelace', { ...account, nickname: 'ADA_LOVELACE' })).toContain(
      'must not be the nickname',
    );
  });
});
