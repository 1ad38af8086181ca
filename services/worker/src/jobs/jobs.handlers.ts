import {
  cleanupRun,
  emailSend,
  type JobContract,
  pushSend,
  type ServiceCleanupContract,
  smsSend,
} from '@seed/contracts';
import type { JobHandler, NatsConnection } from '@seed/runtime';
import type { MessagingDrivers, PushDriver } from '../drivers/index.ts';
import { createCleanupHandler } from './cleanup.handler.ts';
import { createEmailSendHandler } from './email-send.handler.ts';
import { createPushSendHandler } from './push-send.handler.ts';
import { createSmsSendHandler } from './sms-send.handler.ts';

/** Where the worker's job handlers are bound: one per job contract. */
export interface JobHost {
  serve<C extends JobContract>(contract: C, handler: JobHandler<C>): void;
}

/** Binds every job this worker knows how to do to its handler. */
export function serveJobsHandlers(
  jobs: JobHost,
  deps: { nc: NatsConnection; cleanups: readonly ServiceCleanupContract[]; push: PushDriver } & MessagingDrivers,
): void {
  jobs.serve(cleanupRun, createCleanupHandler(deps));
  jobs.serve(emailSend, createEmailSendHandler(deps));
  jobs.serve(smsSend, createSmsSendHandler(deps));
  jobs.serve(pushSend, createPushSendHandler(deps));
}
