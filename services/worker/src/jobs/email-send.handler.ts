import type { emailSend } from '@seed/contracts';
import type { JobHandler } from '@seed/runtime';
import type { EmailDriver } from '../drivers/index.ts';

/** `jobs.email.send`: hands the message to the configured email driver. */
export const createEmailSendHandler =
  (deps: { email: EmailDriver }): JobHandler<typeof emailSend> =>
  (message, ctx) =>
    deps.email.send(message, ctx.jobId);
