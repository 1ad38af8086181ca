import {
  cleanupRun,
  emailSend,
  type JobContract,
  pushSend,
  type ServiceCleanupContract,
  smsSend,
} from '@seed/contracts';
import type { JobHandler, NatsConnection } from '@seed/runtime';
import type { PushDriver } from '../drivers/fcm.driver.ts';
import type { MessagingDrivers } from '../drivers/messaging-drivers.ts';
import { createCleanupHandler } from './cleanup.handler.ts';
import { createEmailSendHandler } from './email-send.handler.ts';
import { createPushSendHandler } from './push-send.handler.ts';
import { createSmsSendHandler } from './sms-send.handler.ts';

export interface JobBinding {
  contract: JobContract;
  handler: JobHandler<JobContract>;
}

const bind = <C extends JobContract>(contract: C, handler: JobHandler<C>): JobBinding => ({
  contract,
  handler: handler as JobHandler<JobContract>,
});

/** The jobs this worker knows how to do, each with its handler. */
export function jobBindings(
  deps: { nc: NatsConnection; cleanups: readonly ServiceCleanupContract[]; push: PushDriver } & MessagingDrivers,
): JobBinding[] {
  return [
    bind(cleanupRun, createCleanupHandler(deps)),
    bind(emailSend, createEmailSendHandler(deps)),
    bind(smsSend, createSmsSendHandler(deps)),
    bind(pushSend, createPushSendHandler(deps)),
  ];
}
