import type { EmailDriver, PushDriver, SmsDriver } from '../drivers/index.ts';
import type { MailboxService } from './mailbox.service.ts';

type Mailbox = Pick<MailboxService, 'record'>;

/** Email drivers that also keep each message in the mailbox. */
export const recordingEmail = (driver: EmailDriver, mailbox: Mailbox): EmailDriver => ({
  async send(message, id) {
    await driver.send(message, id);
    mailbox.record({ kind: 'email', to: message.to, subject: message.subject, text: message.text, data: null });
  },
  close: () => driver.close(),
});

export const recordingSms = (driver: SmsDriver, mailbox: Mailbox): SmsDriver => ({
  async send(message, id, signal) {
    await driver.send(message, id, signal);
    mailbox.record({ kind: 'sms', to: message.to, subject: null, text: message.text, data: null });
  },
});

export const recordingPush = (driver: PushDriver, mailbox: Mailbox): PushDriver => ({
  async send(message, token, signal) {
    const outcome = await driver.send(message, token, signal);
    mailbox.record({
      kind: 'push',
      to: `${token.slice(0, 8)}…`,
      subject: message.notification?.title ?? null,
      text: message.notification?.body ?? '',
      data: message.data,
    });
    return outcome;
  },
});
