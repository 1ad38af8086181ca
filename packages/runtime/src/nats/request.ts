import { type NatsConnection, RequestError, TimeoutError } from '@nats-io/nats-core';
import { ErrorResponse, type ReplyOf, type RequestContract, type RequestOf } from '@seed/contracts';
import { currentContext, type RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { contextHeaders } from './headers.ts';
import { zodDetails } from './zod-details.ts';

export interface RequestOptions {
  timeoutMs?: number;
  /** Defaults to the context of the work in progress. */
  context?: RequestContext;
}

/**
 * Calls a contract's service: the input is validated before it leaves, the reply when it comes
 * back; an error reply becomes an AppError with its code. No responder is `service_unavailable`,
 * no answer in time `service_timeout`.
 */
export async function request<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  input: RequestOf<C>,
  opts: RequestOptions = {},
): Promise<ReplyOf<C>> {
  const parsed = contract.request.safeParse(input);
  if (!parsed.success) throw new AppError('validation_failed', 'invalid request', zodDetails(parsed.error));
  let msg: Awaited<ReturnType<NatsConnection['request']>>;
  try {
    msg = await inNatsSpan(contract.subject, 'client', () =>
      nc.request(contract.subject, encodeJson(parsed.data), {
        timeout: opts.timeoutMs ?? contract.timeoutMs,
        headers: contextHeaders(opts.context ?? currentContext()),
      }),
    );
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
