import { listMailbox } from '@seed/contracts';
import { createServiceHost, type Logger, type NatsConnection, type ServiceHost } from '@seed/runtime';
import type { PushDriver } from '../drivers/fcm.driver.ts';
import type { MessagingDrivers } from '../drivers/messaging-drivers.ts';
import { createMailbox, type Mailbox } from './mailbox.ts';
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
export function withDevMailbox(config: MailboxConfig, drivers: Drivers): { drivers: Drivers; mailbox?: Mailbox } {
  if (config.NODE_ENV === 'production' || config.MAILBOX_SIZE === 0) return { drivers };
  const mailbox = createMailbox({ size: config.MAILBOX_SIZE });
  return {
    mailbox,
    drivers: {
      email: config.EMAIL_DRIVER === 'log' ? recordingEmail(drivers.email, mailbox) : drivers.email,
      sms: config.SMS_DRIVER === 'log' ? recordingSms(drivers.sms, mailbox) : drivers.sms,
      push: config.PUSH_DRIVER === 'log' ? recordingPush(drivers.push, mailbox) : drivers.push,
    },
  };
}

/** Answers `worker.mailbox.list` from the mailbox. */
export async function serveMailbox(
  nc: NatsConnection,
  mailbox: Mailbox,
  opts: { version: string; logger: Logger },
): Promise<ServiceHost> {
  const host = await createServiceHost(nc, { name: 'worker', version: opts.version, logger: opts.logger });
  host.serve(listMailbox, (query) => ({ messages: mailbox.list(query) }));
  return host;
}
