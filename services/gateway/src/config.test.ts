import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('gateway config', () => {
  it('works with no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, JWT_ALGORITHMS: ['EdDSA', 'ES256'], CORS_ORIGINS: [] });
  });

  it('refuses symmetric and unsigned token algorithms, naming the variable', () => {
    for (const JWT_ALGORITHMS of ['HS256', 'EdDSA,none', ''])
      expect(() => loadConfig({ JWT_ALGORITHMS })).toThrow(/JWT_ALGORITHMS/);
  });

  it('reads comma lists', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:3000' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'http://localhost:3000',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'not an origin' })).toThrow(/CORS_ORIGINS/);
  });
});
