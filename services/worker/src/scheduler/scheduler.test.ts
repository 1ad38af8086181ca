import { createLogger } from '@seed/runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Schedule, startScheduler } from './scheduler.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:30:20Z'));
  });
  afterEach(() => vi.useRealTimers());

  const recording = (fail = 0) => {
    const periods: string[] = [];
    let failures = fail;
    const schedule: Schedule = {
      name: 'test',
      everyMs: 3_600_000,
      enqueue: async (start) => {
        if (failures-- > 0) throw new Error('nats is down');
        periods.push(start.toISOString());
      },
    };
    return { schedule, periods };
  };

  it('enqueues the current period at start and each next one on its boundary', async () => {
    const { schedule, periods } = recording();
    const scheduler = startScheduler({ schedules: [schedule], logger });
    await vi.advanceTimersByTimeAsync(0);
    expect(periods).toEqual(['2026-01-01T10:00:00.000Z']);
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(periods).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(periods).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z']);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(periods).toHaveLength(3);
  });

  it('retries a period whose enqueue failed', async () => {
    const { schedule, periods } = recording(2);
    const scheduler = startScheduler({ schedules: [schedule], logger, retryMs: 1_000 });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(periods).toEqual(['2026-01-01T10:00:00.000Z']);
    scheduler.stop();
  });
});
