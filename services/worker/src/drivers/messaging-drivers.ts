import { ConfigError, type Logger } from '@seed/runtime';
import { createLogEmailDriver, createSmtpEmailDriver, type EmailDriver } from './email.driver.ts';
import type { MessagingConfig } from './messaging.config.ts';
import { createLogSmsDriver, createWebhookSmsDriver, type SmsDriver } from './sms.driver.ts';

export interface MessagingDrivers {
  email: EmailDriver;
  sms: SmsDriver;
}

/** The drivers config names; a driver without its settings stops start-up, naming the variable. */
export function createMessagingDrivers(config: MessagingConfig, logger: Logger): MessagingDrivers {
  const missing: string[] = [];
  if (config.EMAIL_DRIVER === 'smtp' && !config.SMTP_URL) missing.push('SMTP_URL: required when EMAIL_DRIVER=smtp');
  if (config.SMS_DRIVER === 'webhook' && !config.SMS_WEBHOOK_URL)
    missing.push('SMS_WEBHOOK_URL: required when SMS_DRIVER=webhook');
  if (missing.length) throw new ConfigError(missing);
  return {
    email:
      config.EMAIL_DRIVER === 'smtp'
        ? createSmtpEmailDriver({ url: config.SMTP_URL!, from: config.EMAIL_FROM })
        : createLogEmailDriver(logger),
    sms:
      config.SMS_DRIVER === 'webhook'
        ? createWebhookSmsDriver({
            url: config.SMS_WEBHOOK_URL!,
            token: config.SMS_WEBHOOK_TOKEN,
            timeoutMs: config.SMS_WEBHOOK_TIMEOUT_MS,
          })
        : createLogSmsDriver(logger),
  };
}
