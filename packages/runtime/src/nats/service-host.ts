import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { type Service, type ServiceMsg, Svcm } from '@nats-io/services';
import type { EventContract, ParsedRequestOf, PayloadOf, ReplyOf, RequestContract } from '@seed/contracts';
import { type Caller, type RequestContext, runInContext } from '../context.ts';
import { AppError, isAppError, toErrorBody } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { type EndpointMetrics, natsEndpointMetrics } from '../ops/nats-request-metrics.ts';
import { type MetricsRegistry, processRegistry } from '../ops/process-registry.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { markFailed } from '../tracing/tracing.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { subscribeEvent } from './events.ts';
import { contextFromHeaders } from './headers.ts';
import { zodDetails } from './zod-details.ts';

export interface HandlerContext<C extends RequestContract> {
  requestId: string;
  clientIp?: string;
  userAgent?: string;
  /** The signed-in caller; always present for `access: 'user'` operations. */
  caller: C['access'] extends 'user' ? Caller : Caller | undefined;
  logger: Logger;
}

export type Handler<C extends RequestContract> = (
  input: ParsedRequestOf<C>,
  ctx: HandlerContext<C>,
) => Promise<ReplyOf<C>> | ReplyOf<C>;

export interface ServiceHost {
  serve<C extends RequestContract>(contract: C, handler: Handler<C>): void;
  /**
   * Acts on an event: each subscription is one queue group across the service's replicas, so one
   * replica handles each event (two subscriptions to one subject each get it).
   */
  subscribe<C extends EventContract>(contract: C, handler: (payload: PayloadOf<C>) => Promise<void> | void): void;
  /** Stops taking events and requests and waits for the requests in flight. */
  stop(): Promise<void>;
  readonly inFlight: number;
}

/**
 * A NATS micro-service (queue group = service name, `$SRV` discovery and stats) whose endpoints
 * are contracts: requests and replies are validated, errors travel in the service-error headers
 * with the `{error}` body.
 */
export async function createServiceHost(
  nc: NatsConnection,
  opts: {
    name: string;
    version: string;
    description?: string;
    logger: Logger;
    /** Where request counts and durations go; the process registry (served by the ops server) by default. */
    metrics?: MetricsRegistry;
  },
): Promise<ServiceHost> {
  const service: Service = await new Svcm(nc).add({
    name: opts.name,
    version: opts.version,
    description: opts.description ?? opts.name,
    queue: opts.name,
  });
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const subscriptions: Subscription[] = [];
  const queues = new Map<string, number>();

  async function handle<C extends RequestContract>(
    contract: C,
    handler: Handler<C>,
    msg: ServiceMsg,
    metrics: EndpointMetrics,
    logger: Logger,
  ) {
    const startedAt = process.hrtime.bigint();
    const ctx = contextFromHeaders(msg.headers);
    // The request id comes from the context (the logger's mixin), for this hop's lines and the handler's.
    return runInContext(ctx, () =>
      inNatsSpan(
        contract.subject,
        'server',
        async (span) => {
          const status = await answer(contract, handler, msg, metrics, { ctx, logger, startedAt });
          if (status >= 500) markFailed(span, `answered ${status}`);
        },
        msg.headers,
      ),
    );
  }

  async function answer<C extends RequestContract>(
    contract: C,
    handler: Handler<C>,
    msg: ServiceMsg,
    metrics: EndpointMetrics,
    { ctx, logger, startedAt }: { ctx: RequestContext; logger: Logger; startedAt: bigint },
  ) {
    let status = 200;
    try {
      let raw: unknown;
      try {
        raw = decodeJson(msg.data) ?? {};
      } catch {
        throw new AppError('validation_failed', 'request body is not JSON');
      }
      const parsed = contract.request.safeParse(raw);
      if (!parsed.success) throw new AppError('validation_failed', 'invalid request', zodDetails(parsed.error));
      if (contract.access === 'user' && !ctx.caller) throw new AppError('unauthenticated');
      const result = await handler(parsed.data as ParsedRequestOf<C>, {
        requestId: ctx.requestId,
        ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
        ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
        caller: ctx.caller as HandlerContext<C>['caller'],
        logger,
      });
      const reply = contract.reply.safeParse(result);
      if (!reply.success) {
        logger.error({ issues: reply.error.issues }, 'handler reply breaks its contract');
        throw new Error('reply breaks contract');
      }
      msg.respond(encodeJson(reply.data));
    } catch (err) {
      if (!isAppError(err)) logger.error({ err }, 'request failed');
      const body = toErrorBody(err);
      status = isAppError(err) ? err.status : 500;
      msg.respondError(status, body.message, encodeJson({ error: body }));
    }
    metrics.answered(status, startedAt);
    if (logger.isLevelEnabled('debug'))
      logger.debug({ status, ms: Number(process.hrtime.bigint() - startedAt) / 1e6 }, 'request handled');
    return status;
  }

  return {
    serve(contract, handler) {
      const metrics = natsEndpointMetrics(opts.metrics ?? processRegistry, opts.name, contract.subject);
      const logger = opts.logger.child({ subject: contract.subject });
      service.addEndpoint(contract.subject.replaceAll('.', '_'), {
        subject: contract.subject,
        metadata: { access: contract.access },
        handler: (err, msg) => {
          if (err) {
            opts.logger.error({ err, subject: contract.subject }, 'endpoint stopped');
            return;
          }
          inFlight++;
          void handle(contract, handler, msg, metrics, logger).finally(() => {
            inFlight--;
            if (inFlight === 0) idle?.();
          });
        },
      });
    },
    subscribe(contract, handler) {
      const n = queues.get(contract.subject) ?? 0;
      queues.set(contract.subject, n + 1);
      const queue = n === 0 ? opts.name : `${opts.name}.${n}`;
      subscriptions.push(subscribeEvent(nc, contract, handler, { queue, logger: opts.logger }));
    },
    async stop() {
      await Promise.allSettled(subscriptions.map((sub) => sub.drain()));
      await service.stop();
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
    get inFlight() {
      return inFlight;
    },
  };
}
