import { type NatsConnection, RequestError, TimeoutError } from '@nats-io/nats-core';
import { ErrorResponse, type ReplyOf, type RequestContract, type RequestOf } from '@seed/contracts';
import { currentContext, type RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { isDisconnected } from './connection.ts';
import { contextHeaders } from './headers.ts';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency.ts';
import { zodDetails } from './zod-details.ts';

export interface RequestOptions {
  timeoutMs?: number;
  /** Defaults to the context of the work in progress. */
  context?: RequestContext;
  /** A client's `Idempotency-Key`: sent to this service only, never passed on with the context. */
  idempotencyKey?: string;
}

/**
 * Calls a contract's service: the input is validated before it leaves, the reply when it comes
 * back; an error reply becomes an AppError with its code. No responder, or no connection to NATS,
 * is `service_unavailable`; no answer in time `service_timeout`.
 */
export async function request<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  input: RequestOf<C>,
  opts: RequestOptions = {},
): Promise<ReplyOf<C>> {
  const parsed = contract.request.safeParse(input);
  if (!parsed.success) throw new AppError('validation_failed', 'invalid request', zodDetails(parsed.error));
  if (isDisconnected(nc)) throw new AppError('service_unavailable', 'the message bus is unreachable; retry');
  let msg: Awaited<ReturnType<NatsConnection['request']>>;
  try {
    msg = await inNatsSpan(contract.subject, 'client', () => {
      const headers = contextHeaders(opts.context ?? currentContext());
      if (opts.idempotencyKey) headers.set(IDEMPOTENCY_KEY_HEADER, opts.idempotencyKey);
      return nc.request(contract.subject, encodeJson(parsed.data), {
        timeout: opts.timeoutMs ?? contract.timeoutMs,
        headers,
      });
    });
  } catch (err) {
    if (err instanceof RequestError && err.isNoResponders())
      throw new AppError('service_unavailable', `no service answers ${contract.subject}`);
    if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError))
      throw new AppError('service_timeout', `${contract.subject} did not answer in time`);
    throw err;
  }
  const body = decodeJson(msg.data);
  if (msg.headers?.get('Nats-Service-Error-Code')) {
    const error = ErrorResponse.safeParse(body);
    if (error.success) throw new AppError(error.data.error.code, error.data.error.message, error.data.error.details);
    throw new AppError('internal', msg.headers.get('Nats-Service-Error') || 'service error');
  }
  const reply = contract.reply.safeParse(body);
  if (!reply.success) throw new AppError('internal', `${contract.subject} answered outside its contract`);
  return reply.data as ReplyOf<C>;
}
