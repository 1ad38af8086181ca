import type { Logger } from '@seed/runtime';

export interface SmsMessage {
  to: string;
  text: string;
}

export interface SmsDriver {
  send(message: SmsMessage, id: string, signal: AbortSignal): Promise<void>;
}

/** Prints the message (and so the code) to the log, for local development. */
export function createLogSmsDriver(logger: Logger): SmsDriver {
  return {
    async send(message, id) {
      logger.info({ smsId: id, to: message.to }, `sms to ${message.to}: ${message.text}`);
    },
  };
}

/**
 * POSTs `{to, text}` as JSON to the provider. Anything but a 2xx answer fails the job, which is
 * retried with back-off and dead-lettered after its last try.
 */
export function createWebhookSmsDriver(opts: {
  url: string;
  token?: string | undefined;
  timeoutMs: number;
}): SmsDriver {
  return {
    async send(message, id, signal) {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': id,
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(opts.timeoutMs)]),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}`);
    },
  };
}
