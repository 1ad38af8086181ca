import type { Logger } from '@seed/runtime';
import type { Revocations } from './revocations.ts';
import type { SessionsRepository } from './sessions.repository.ts';

/**
 * Keeps the revocation list in Redis whole: a marker written after each load is checked every
 * `intervalMs`; when Redis lost it (a flush, a restart without persistence) the sessions revoked
 * within an access token's lifetime are read from PostgreSQL and listed again. Until then, at most
 * `intervalMs`, a revoked session's access token may pass the gateway again.
 */
export function startRevocationsReload(deps: {
  sessions: Pick<SessionsRepository, 'revokedSince'>;
  revocations: Revocations;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;

  async function check() {
    if (await deps.revocations.loaded()) return;
    const now = Date.now();
    const revoked = await deps.sessions.revokedSince(new Date(now - deps.revocations.ttlMs));
    const listed = await deps.revocations.restore(
      revoked.flatMap((r) => (r.revokedAt ? [{ id: r.id, revokedAt: r.revokedAt }] : [])),
      now,
    );
    await deps.revocations.markLoaded(now);
    deps.logger.info({ listed }, 'revoked sessions listed in Redis from PostgreSQL');
  }

  const tick = () => {
    running ??= check()
      .catch((err: Error) => deps.logger.warn({ err: err.message }, 'revocation list check failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
