import { authCleanup } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { CleanupService } from './cleanup.service.ts';

/** Binds `auth.cleanup.run` (the worker's periodic cleanup) to the cleanup service. */
export function serveCleanupHandlers(host: ServiceHost, cleanup: CleanupService): void {
  host.serve(authCleanup, async () => ({ purged: await cleanup.purge() }));
}
