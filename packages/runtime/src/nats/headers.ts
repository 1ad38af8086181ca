import { randomUUID } from 'node:crypto';
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/nats-core';
import { currentContext, type RequestContext } from '../context.ts';
import { injectTrace } from '../tracing/tracing.ts';

export const REQUEST_ID_HEADER = 'Seed-Request-Id';
export const USER_ID_HEADER = 'Seed-User-Id';
export const SESSION_ID_HEADER = 'Seed-Session-Id';
export const CLIENT_IP_HEADER = 'Seed-Client-Ip';
export const USER_AGENT_HEADER = 'Seed-User-Agent';

/** Headers carrying a request context, and the active trace (`traceparent`), to the next hop. */
export function contextHeaders(ctx: RequestContext | undefined = currentContext()): MsgHdrs {
  const h = natsHeaders();
  h.set(REQUEST_ID_HEADER, ctx?.requestId ?? randomUUID());
  if (ctx?.caller) {
    h.set(USER_ID_HEADER, ctx.caller.userId);
    h.set(SESSION_ID_HEADER, ctx.caller.sessionId);
  }
  if (ctx?.clientIp) h.set(CLIENT_IP_HEADER, ctx.clientIp);
  if (ctx?.userAgent) h.set(USER_AGENT_HEADER, ctx.userAgent.slice(0, 512));
  injectTrace(h);
  return h;
}

export function contextFromHeaders(h: MsgHdrs | undefined): RequestContext {
  const requestId = h?.get(REQUEST_ID_HEADER) || randomUUID();
  const userId = h?.get(USER_ID_HEADER);
  const sessionId = h?.get(SESSION_ID_HEADER);
  const clientIp = h?.get(CLIENT_IP_HEADER) || undefined;
  const userAgent = h?.get(USER_AGENT_HEADER) || undefined;
  return {
    requestId,
    ...(userId && sessionId ? { caller: { userId, sessionId } } : {}),
    ...(clientIp ? { clientIp } : {}),
    ...(userAgent ? { userAgent } : {}),
  };
}
