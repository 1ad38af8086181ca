import type { Logger } from '@seed/runtime';
import type { SessionsService } from './sessions.service.ts';

/**
 * Periodically closes the sessions whose gateway replica stopped refreshing them (it died, or
 * lost its connection), so their members leave and the others hear it. Every playco replica
 * sweeps; each lapsed session is closed by exactly one of them.
 */
export function startConnectionSweeper(deps: { sessions: SessionsService; intervalMs: number; logger: Logger }) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = deps.sessions
      .sweep()
      .then((n) => n > 0 && deps.logger.info({ closed: n }, 'lapsed sessions closed'))
      .catch((err) => deps.logger.warn({ err }, 'session sweep failed'))
      .finally(() => {
        running = undefined;
      });
  }, deps.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
