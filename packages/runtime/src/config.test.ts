import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config.ts';

const schema = baseConfigSchema.extend({ SMS_WEBHOOK_URL: z.url(), WORKERS: z.coerce.number().int().positive() });

describe('config loading', () => {
  it('parses variables into typed values with defaults', () => {
    const config = loadConfig(schema, { SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms', WORKERS: '3' });
    expect(config.WORKERS).toBe(3);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names every missing or bad variable', () => {
    const err = (() => {
      try {
        loadConfig(schema, { SMS_WEBHOOK_URL: 'not a url', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect(message).toContain('SMS_WEBHOOK_URL');
    expect(message).toContain('WORKERS');
    expect(message).toContain('LOG_LEVEL');
  });

  it.each(['nope', 'http://127.0.0.1:4222', 'nats://127.0.0.1:4222,redis://x:6379'])(
    'refuses a NATS_URL that is not nats:// or tls:// (%s)',
    (url) => {
      expect(() => loadConfig(baseConfigSchema, { NATS_URL: url })).toThrow(/NATS_URL: must be nats:\/\/ or tls:\/\//);
    },
  );

  it('takes a cluster of nats:// and tls:// URLs', () => {
    const url = 'nats://a:4222,tls://b:4222';
    expect(loadConfig(baseConfigSchema, { NATS_URL: url }).NATS_URL).toBe(url);
  });
});
