import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import {
  type EventContract,
  type PayloadOf,
  type SocketEventContract,
  type SocketTarget,
  socketDeliver,
} from '@seed/contracts';
import { type RequestContext, runInContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { contextFromHeaders, contextHeaders } from './headers.ts';

/** Publishes an event after validating it against its contract (a bad payload throws here). */
export function publishEvent<C extends EventContract>(nc: NatsConnection, contract: C, payload: PayloadOf<C>): void {
  const data = contract.payload.parse(payload);
  inNatsSpan(contract.subject, 'producer', () =>
    nc.publish(contract.subject, encodeJson(data), { headers: contextHeaders() }),
  );
}

export interface SubscribeOptions {
  /** Queue group: one subscriber of the group gets each event. */
  queue?: string;
  logger: Logger;
  /** Checked before an event is decoded: false skips it (no one here would act on it). */
  wanted?: () => boolean;
}

/**
 * Calls `handler` for each valid event; an invalid one is logged and dropped (events carry no
 * reply to answer with). Returns the subscription, to drain on stop.
 */
export function subscribeEvent<C extends EventContract>(
  nc: NatsConnection,
  contract: C,
  handler: (payload: PayloadOf<C>, ctx: RequestContext) => Promise<void> | void,
  opts: SubscribeOptions,
): Subscription {
  return nc.subscribe(contract.subject, {
    ...(opts.queue ? { queue: opts.queue } : {}),
    callback: (err, msg) => {
      if (err) return opts.logger.error({ err, subject: contract.subject }, 'subscription failed');
      if (opts.wanted && !opts.wanted()) return;
      const ctx = contextFromHeaders(msg.headers);
      let raw: unknown;
      try {
        raw = decodeJson(msg.data);
      } catch {
        return opts.logger.warn({ subject: msg.subject, reqId: ctx.requestId }, 'event is not JSON');
      }
      const parsed = contract.payload.safeParse(raw);
      if (!parsed.success)
        return opts.logger.warn({ subject: msg.subject, issues: parsed.error.issues }, 'event breaks its contract');
      runInContext(ctx, () =>
        inNatsSpan(
          contract.subject,
          'consumer',
          async () => {
            try {
              await handler(parsed.data as PayloadOf<C>, ctx);
            } catch (e) {
              opts.logger.error({ err: e, subject: msg.subject }, 'event handler failed');
            }
          },
          msg.headers,
        ),
      );
    },
  });
}

/** Sends a socket event to users' or rooms' sockets, on whichever gateway replica they sit. */
export function deliverToSockets<C extends SocketEventContract>(
  nc: NatsConnection,
  event: C,
  target: SocketTarget,
  data: PayloadOf<C>,
): void {
  publishEvent(nc, socketDeliver, {
    target,
    namespace: event.namespace,
    event: event.event,
    data: event.payload.parse(data),
  });
}
