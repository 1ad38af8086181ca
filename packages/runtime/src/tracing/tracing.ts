/**
 * The hot path's side of tracing: spans around NATS hops, handlers and queries, and the W3C
 * `traceparent` in NATS headers. Until `startTracing` loads the SDK (only when an OTLP endpoint is
 * configured) every function here is a pass-through behind one boolean: no span, no header, no
 * allocation.
 */
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

let enabled = false;
const tracer = () => trace.getTracer('seed');

export const tracingEnabled = (): boolean => enabled;
/** Turned on by `startTracing` once the SDK is registered (and off again when it shuts down). */
export const setTracingEnabled = (on: boolean): void => {
  enabled = on;
};

/** Anything that carries string headers: NATS headers, a plain record. */
export interface HeaderCarrier {
  get(key: string): string | undefined | null;
  set(key: string, value: string): void;
}

const getter = {
  keys: () => [],
  get: (carrier: HeaderCarrier, key: string) => carrier.get(key) || undefined,
};
const setter = { set: (carrier: HeaderCarrier, key: string, value: string) => carrier.set(key, value) };

/** Writes the active trace context (`traceparent`, `tracestate`) into outgoing headers. */
export function injectTrace(headers: HeaderCarrier): void {
  if (enabled) propagation.inject(context.active(), headers, setter);
}

/** The trace context incoming headers carry, to parent this hop's span on. */
export const extractTrace = (headers: HeaderCarrier | undefined): Context =>
  headers ? propagation.extract(ROOT_CONTEXT, headers, getter) : ROOT_CONTEXT;

/** The trace id of the work in progress, for log lines; undefined when tracing is off. */
export function currentTraceId(): string | undefined {
  if (!enabled) return undefined;
  const span = trace.getSpan(context.active());
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

export type SpanKindName = 'server' | 'client' | 'producer' | 'consumer' | 'internal';
const KINDS: Record<SpanKindName, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

export interface SpanOptions {
  kind: SpanKindName;
  attributes?: Record<string, string | number | boolean>;
  /** The context to parent on (a remote one from headers); the active one by default. */
  parent?: Context;
  /** Only when some span is already active (e.g. a query of a traced request, not a timer's). */
  onlyWithin?: boolean;
}

/**
 * Runs `fn` in a new active span that ends when `fn` settles; a throw marks it failed. `fn` may
 * set attributes or an error status on the span it is given (undefined when tracing is off).
 */
export function inSpan<T>(name: string, opts: SpanOptions, fn: (span?: Span) => T): T {
  if (!enabled) return fn();
  const parent = opts.parent ?? context.active();
  if (opts.onlyWithin && !trace.getSpan(parent)) return fn();
  const span = tracer().startSpan(name, { kind: KINDS[opts.kind], attributes: opts.attributes ?? {} }, parent);
  const fail = (err: unknown) => {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), fn, undefined, span);
  } catch (err) {
    fail(err);
    span.end();
    throw err;
  }
  if (result instanceof Promise)
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (err) => {
        fail(err);
        span.end();
        throw err;
      },
    ) as T;
  span.end();
  return result;
}

/**
 * Starts a span that the caller ends (a Fastify request's, from its first hook to its last);
 * undefined when tracing is off. `incoming` carries the caller's trace, if it sent one.
 */
export function startSpan(name: string, opts: SpanOptions & { incoming?: HeaderCarrier }): Span | undefined {
  if (!enabled) return undefined;
  const parent = opts.parent ?? (opts.incoming ? extractTrace(opts.incoming) : context.active());
  return tracer().startSpan(name, { kind: KINDS[opts.kind], attributes: opts.attributes ?? {} }, parent);
}

/** Marks `span` failed (a handler that answered with a server error did not throw). */
export function markFailed(span: Span | undefined, message: string): void {
  span?.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** Runs `fn` with `span` active (e.g. a request's span kept by a Fastify hook). */
export function withSpan<T>(span: Span | undefined, fn: () => T): T {
  return span && enabled ? context.with(trace.setSpan(context.active(), span), fn) : fn();
}

export { type Span, SpanStatusCode };
