import { emailSend } from '@seed/contracts';
import { decodeJson, type NatsConnection } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { fetchJson } from '@seed/testkit';

/**
 * The emails auth enqueues, heard as they are published; `confirm` opens the link of the newest one
 * sent to an address, as its owner would (the platform's email verification).
 */
export function emailInbox(nc: NatsConnection) {
  const mails: { to: string; text: string }[] = [];
  const subscription = nc.subscribe(emailSend.subject, {
    callback: (_, msg) => {
      mails.push(decodeJson(msg.data) as { to: string; text: string });
    },
  });
  return {
    async confirm(gatewayUrl: string, email: string) {
      const token = await eventually(
        () =>
          mails
            .filter((m) => m.to === email)
            .at(-1)
            ?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1],
        { what: `the link mailed to ${email}` },
      );
      const res = await fetchJson(gatewayUrl, 'POST', '/api/v1/auth/email/verify', { body: { token } });
      if (res.status !== 200) throw new Error(`email verification answered ${res.status}`);
    },
    stop: () => subscription.unsubscribe(),
  };
}
