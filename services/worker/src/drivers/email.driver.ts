import type { Logger } from '@seed/runtime';
import { createTransport } from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface EmailDriver {
  /** Sends one message; `id` (the job id) becomes its Message-ID, so a resend is recognisable. */
  send(message: EmailMessage, id: string): Promise<void>;
  close(): void;
}

/** Prints the message to the log, for a developer signing up on their own machine. */
export function createLogEmailDriver(logger: Logger): EmailDriver {
  return {
    async send(message, id) {
      logger.info({ emailId: id, to: message.to, subject: message.subject }, `email to ${message.to}\n${message.text}`);
    },
    close() {},
  };
}

/** Sends over SMTP with nodemailer (pooled connections). */
export function createSmtpEmailDriver(opts: { url: string; from: string }): EmailDriver {
  const transport = createTransport(opts.url, { from: opts.from });
  return {
    async send(message, id) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${id.replace(/[^A-Za-z0-9._-]/g, '_')}@seed>`,
      });
    },
    close: () => transport.close(),
  };
}
