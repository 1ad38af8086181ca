import { extractTrace, type HeaderCarrier, inSpan, type Span, type SpanKindName, tracingEnabled } from './tracing.ts';

const OPERATION: Record<'client' | 'server' | 'producer' | 'consumer', string> = {
  client: 'request',
  server: 'process',
  producer: 'publish',
  consumer: 'process',
};

/**
 * One NATS hop as a span named `<subject> <operation>`: a request sent (client) or served (server),
 * an event or job published (producer) or handled (consumer). Served and handled hops continue
 * the trace their message's headers carry.
 */
export function inNatsSpan<T>(
  subject: string,
  kind: Exclude<SpanKindName, 'internal'>,
  fn: (span?: Span) => T,
  incoming?: HeaderCarrier,
): T {
  if (!tracingEnabled()) return fn();
  return inSpan(
    `${subject} ${OPERATION[kind]}`,
    {
      kind,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
      ...(incoming ? { parent: extractTrace(incoming) } : {}),
    },
    fn,
  );
}
