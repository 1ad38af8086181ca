import type { MessagingDrivers, PushDriver } from '../drivers/index.ts';
import { createMailboxService, type MailboxService } from './mailbox.service.ts';
import { recordingEmail, recordingPush, recordingSms } from './recording-drivers.ts';

type Drivers = MessagingDrivers & { push: PushDriver };

export interface MailboxConfig {
  NODE_ENV: string;
  MAILBOX_SIZE: number;
  EMAIL_DRIVER: string;
  SMS_DRIVER: string;
  PUSH_DRIVER: string;
}

/**
 * Outside production, what the log drivers deliver is also kept in a mailbox that developers read
 * (the gateway's development mailbox); real drivers' messages never are.
 */
export function withDevMailbox(
  config: MailboxConfig,
  drivers: Drivers,
): { drivers: Drivers; mailbox?: MailboxService } {
  if (config.NODE_ENV === 'production' || config.MAILBOX_SIZE === 0) return { drivers };
  const mailbox = createMailboxService({ size: config.MAILBOX_SIZE });
  return {
    mailbox,
    drivers: {
      email: config.EMAIL_DRIVER === 'log' ? recordingEmail(drivers.email, mailbox) : drivers.email,
      sms: config.SMS_DRIVER === 'log' ? recordingSms(drivers.sms, mailbox) : drivers.sms,
      push: config.PUSH_DRIVER === 'log' ? recordingPush(drivers.push, mailbox) : drivers.push,
    },
  };
}
