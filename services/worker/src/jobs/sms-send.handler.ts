import type { smsSend } from '@seed/contracts';
import type { JobHandler } from '@seed/runtime';
import type { SmsDriver } from '../drivers/index.ts';

/** `jobs.sms.send`: hands the message to the configured SMS driver. */
export const createSmsSendHandler =
  (deps: { sms: SmsDriver }): JobHandler<typeof smsSend> =>
  (message, ctx) =>
    deps.sms.send(message, ctx.jobId, ctx.signal);
