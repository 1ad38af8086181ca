import { cleanupRun, type JobContract, type ServiceCleanupContract } from '@seed/contracts';
import type { JobHandler, NatsConnection } from '@seed/runtime';
import { createCleanupHandler } from './cleanup.handler.ts';

export interface JobBinding {
  contract: JobContract;
  handler: JobHandler<JobContract>;
}

const bind = <C extends JobContract>(contract: C, handler: JobHandler<C>): JobBinding => ({
  contract,
  handler: handler as JobHandler<JobContract>,
});

/** The jobs this worker knows how to do, each with its handler. */
export function jobBindings(deps: { nc: NatsConnection; cleanups: readonly ServiceCleanupContract[] }): JobBinding[] {
  return [bind(cleanupRun, createCleanupHandler(deps))];
}
