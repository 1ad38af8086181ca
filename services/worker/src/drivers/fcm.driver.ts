import type { Logger } from '@seed/runtime';
import type { AccessTokenSource } from './fcm-access-token.ts';

export interface PushMessage {
  collapseKey: string;
  notification?: { title: string; body: string } | undefined;
  data: Record<string, string>;
  ttlSeconds: number;
}

/** What became of one device: `unregistered` tokens should be forgotten. */
export type PushOutcome = 'sent' | 'unregistered';

export interface PushDriver {
  send(message: PushMessage, token: string, signal: AbortSignal): Promise<PushOutcome>;
}

/** Prints pushes to the log, for local development. */
export function createLogPushDriver(logger: Logger): PushDriver {
  return {
    async send(message, token) {
      const { collapseKey, notification } = message;
      logger.info({ token: `${token.slice(0, 8)}…`, collapseKey, notification }, 'push');
      return 'sent';
    },
  };
}

interface FcmError {
  error?: { status?: string; details?: { '@type'?: string; errorCode?: string }[] };
}

/** FCM says the token will never work again. */
function isUnregistered(status: number, body: FcmError): boolean {
  const codes = (body.error?.details ?? []).map((d) => d.errorCode);
  return codes.includes('UNREGISTERED') || (status === 404 && body.error?.status === 'NOT_FOUND');
}

/**
 * FCM HTTP v1 `messages:send`, one device per request. Pushes with the same collapse key replace
 * each other on the device (Android `collapse_key`, APNs `apns-collapse-id`, Web Push `Topic`).
 * A rejected access token is refreshed once; other failures throw so the job is retried.
 */
export function createFcmPushDriver(opts: {
  baseUrl: string;
  projectId: string;
  tokens: AccessTokenSource;
  timeoutMs: number;
}): PushDriver {
  const url = `${opts.baseUrl.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(opts.projectId)}/messages:send`;
  // APNs and Web Push take at most 64 and 32 characters here.
  const short = (key: string, max: number) => key.slice(0, max).replace(/[^A-Za-z0-9_-]/g, '_');

  async function post(message: PushMessage, token: string, accessToken: string, signal: AbortSignal) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        message: {
          token,
          ...(message.notification ? { notification: message.notification } : {}),
          data: message.data,
          android: { collapse_key: message.collapseKey, ttl: `${message.ttlSeconds}s` },
          apns: {
            headers: {
              'apns-collapse-id': short(message.collapseKey, 64),
              'apns-expiration': String(Math.floor(Date.now() / 1000) + message.ttlSeconds),
            },
          },
          webpush: { headers: { Topic: short(message.collapseKey, 32), TTL: String(message.ttlSeconds) } },
        },
      }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(opts.timeoutMs)]),
    });
  }

  return {
    async send(message, token, signal) {
      let res = await post(message, token, await opts.tokens.get({ signal }), signal);
      if (res.status === 401) {
        await res.body?.cancel();
        res = await post(message, token, await opts.tokens.get({ refresh: true, signal }), signal);
      }
      if (res.ok) {
        await res.body?.cancel();
        return 'sent';
      }
      const body = (await res.json().catch(() => ({}))) as FcmError;
      if (isUnregistered(res.status, body)) return 'unregistered';
      throw new Error(`FCM answered ${res.status} ${body.error?.status ?? ''}`.trim());
    },
  };
}
