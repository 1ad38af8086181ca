import type { Logger } from '@seed/runtime';

export interface Schedule {
  name: string;
  /** Period length; periods start on multiples of it since the Unix epoch (1 h: on the hour, UTC). */
  everyMs: number;
  /** Enqueues the run of the period starting at `periodStart`; must be idempotent per period. */
  enqueue(periodStart: Date): Promise<unknown>;
}

export interface Scheduler {
  stop(): void;
}

/** The start of the period that contains `now`. */
export const periodStart = (now: number, everyMs: number): Date => new Date(Math.floor(now / everyMs) * everyMs);

/**
 * Enqueues each schedule's run for the current period at start-up and at every period boundary.
 * Every replica does so; the runs' fixed ids make the job stream keep one per period.
 */
export function startScheduler(opts: {
  schedules: readonly Schedule[];
  logger: Logger;
  retryMs?: number;
  now?: () => number;
}): Scheduler {
  const now = opts.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const run = (schedule: Schedule, lastFired?: number) => {
    if (stopped) return;
    const start = periodStart(now(), schedule.everyMs);
    const next = () => later(() => run(schedule, start.getTime()), start.getTime() + schedule.everyMs - now());
    if (start.getTime() === lastFired) return next();
    schedule.enqueue(start).then(
      () => {
        opts.logger.debug({ schedule: schedule.name, period: start.toISOString() }, 'scheduled job enqueued');
        next();
      },
      (err: unknown) => {
        opts.logger.warn({ err, schedule: schedule.name }, 'scheduled job not enqueued; retrying');
        later(() => run(schedule, lastFired), opts.retryMs ?? 5_000);
      },
    );
  };

  for (const schedule of opts.schedules) run(schedule);
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
