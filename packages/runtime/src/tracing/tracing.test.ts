import { describe, expect, it } from 'vitest';
import { runInContext } from '../context.ts';
import { contextHeaders } from '../nats/headers.ts';
import { startTracing } from './start-tracing.ts';
import { currentTraceId, inSpan, tracingEnabled } from './tracing.ts';

describe('tracing without an OTLP endpoint', () => {
  it('stays off: no span, no traceparent header, no trace id in log lines', async () => {
    const tracing = await startTracing({ service: 'test', logger: { info: () => {} } as never });
    expect(tracingEnabled()).toBe(false);
    const seen = inSpan('work', { kind: 'internal' }, (span) => ({ span, traceId: currentTraceId() }));
    expect(seen).toEqual({ span: undefined, traceId: undefined });
    const headers = runInContext({ requestId: 'r1' }, () => contextHeaders());
    expect(headers.get('traceparent')).toBe('');
    expect(headers.get('Seed-Request-Id')).toBe('r1');
    await tracing.shutdown();
  });
});
