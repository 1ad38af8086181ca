import { describe, expect, it } from 'vitest';
import { cookieBinding, fieldAt, ifMatchVersion } from './binding-headers.ts';
import { readCookie } from './cookies.ts';

describe('ifMatchVersion', () => {
  it('reads one quoted version', () => {
    expect(ifMatchVersion('"7"')).toBe(7);
    expect(ifMatchVersion(undefined)).toBeUndefined();
  });

  it('refuses anything else with bad_request', () => {
    for (const header of ['7', '*', 'W/"7"', '"7", "8"', '"x"'])
      expect(() => ifMatchVersion(header)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});

describe('cookieBinding', () => {
  it('maps the refresh-cookie shorthand onto the refresh token cookie', () => {
    const base = { method: 'POST', path: '/api/v1/auth/x' } as const;
    expect(cookieBinding({ ...base, refreshCookie: 'set' })).toMatchObject({ field: 'refreshToken', set: true });
    expect(cookieBinding({ ...base, refreshCookie: 'clear' })).toMatchObject({ read: true, clear: true });
    expect(cookieBinding(base)).toBeUndefined();
  });
});

describe('readCookie and fieldAt', () => {
  it('finds a cookie by exact name', () => {
    expect(readCookie('a=1; seed_refresh=abc%3D; b=2', 'seed_refresh')).toBe('abc=');
    expect(readCookie('xseed_refresh=1', 'seed_refresh')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });

  it('follows a dotted path', () => {
    expect(fieldAt({ playlist: { version: 4 } }, 'playlist.version')).toBe(4);
    expect(fieldAt({ playlist: null }, 'playlist.version')).toBeUndefined();
  });
});
