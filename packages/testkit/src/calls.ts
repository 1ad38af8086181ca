import { randomUUID } from 'node:crypto';
import type { RequestContract, RequestOf } from '@seed/contracts';
import { type NatsConnection, request } from '@seed/runtime';

/** Calls a contract over NATS as `userId` (anonymously without one), the way the gateway forwards a request. */
export function callAs<C extends RequestContract>(
  nc: NatsConnection,
  userId: string | undefined,
  contract: C,
  input: RequestOf<C>,
  sessionId = '1',
) {
  const context = { requestId: randomUUID(), ...(userId ? { caller: { userId, sessionId } } : {}) };
  return request(nc, contract, input, { context });
}

export interface HttpReply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON request to a gateway; the body is parsed when there is one. */
export async function fetchJson<T = { data?: unknown; error?: { code: string; message: string; details?: unknown } }>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}
