import { describe, expect, it } from 'vitest';
import { parseGatewayCuts } from './gateway-cuts.ts';

describe('gateway cuts', () => {
  it('reads the comma-separated cuts and none from an empty variable', () => {
    expect(parseGatewayCuts('redis-autopipelining, nats-settled-request')).toEqual([
      'redis-autopipelining',
      'nats-settled-request',
    ]);
    expect(parseGatewayCuts(undefined)).toEqual([]);
  });

  it('refuses a misspelt cut instead of measuring without it', () => {
    expect(() => parseGatewayCuts('redis-autopipeline')).toThrow(/unknown redis-autopipeline/);
  });
});
