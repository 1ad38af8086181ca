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
});
