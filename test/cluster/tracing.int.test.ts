import { randomBytes } from 'node:crypto';
import { type ServiceProcesses, startServiceProcesses } from '@seed/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../packages/runtime/src/testing/jobs.ts';
import { clusterClient } from '../support/cluster-client.ts';
import { type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver.ts';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** A client's W3C trace context: the trace every hop of its request must join. */
const clientTrace = () => {
  const traceId = hex(16);
  const spanId = hex(8);
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
};

describe('a request traced across the cluster', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let cluster: ServiceProcesses;
  let client: ReturnType<typeof clusterClient>;

  /** The spans of one trace, once every hop in `expected` (service and name) has sent its own. */
  const traceOf = (traceId: string, expected: [string, RegExp][]) => {
    const spans = () => receiver.spans.filter((s) => s.traceId === traceId);
    const missing = () =>
      expected.filter(([service, name]) => !spans().some((s) => s.service === service && name.test(s.name)));
    return eventually(() => missing().length === 0 && spans(), { timeoutMs: 20_000 }).catch(() => {
      const seen = spans().map((s) => `${s.service} ${s.name}`);
      throw new Error(`trace ${traceId} lacks ${missing().join(', ')}; it has ${seen.join(', ')}`);
    });
  };

  /** Every span hangs off the client's span or another span of the same trace: one tree, no stray root. */
  const expectOneTree = (spans: ReceivedSpan[], clientSpanId: string) => {
    const ids = new Set([clientSpanId, ...spans.map((s) => s.spanId)]);
    for (const s of spans) expect(ids.has(s.parentSpanId), `${s.service} ${s.name}`).toBe(true);
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    cluster = await startServiceProcesses({
      names: ['worker', 'auth', 'chat', 'gateway'],
      env: { LOG_LEVEL: 'debug', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    client = clusterClient(cluster);
  }, 180_000);
  afterAll(async () => {
    client?.close();
    await cluster?.stop();
    await receiver?.close();
  }, 60_000);

  it('follows a signup through gateway, auth, its database and the email job the worker runs', async () => {
    const trace = clientTrace();
    await client.signUp(
      { email: 'ada@example.com', password: 'correct horse battery staple', nickname: 'ada' },
      { traceparent: trace.traceparent },
    );
    const spans = await traceOf(trace.traceId, [
      ['gateway', /^POST \/api\/v1\/auth\/signup$/],
      ['gateway', /^auth\.account\.create request$/],
      ['auth', /^auth\.account\.create process$/],
      ['auth', /^db insert$/],
      ['worker', /^jobs\.email\.send process$/],
    ]);
    expectOneTree(spans, trace.spanId);
  });

  it('makes one trace of an HTTP request across gateway, service and database', async () => {
    const trace = clientTrace();
    const me = await client.call('GET', '/api/v1/users/me', undefined, { traceparent: trace.traceparent });
    expect(me.status).toBe(200);
    const spans = await traceOf(trace.traceId, [
      ['gateway', /^GET \/api\/v1\/users\/me$/],
      ['gateway', /^auth\.profile\.get request$/],
      ['auth', /^auth\.profile\.get process$/],
      ['auth', /^db select$/],
    ]);
    expectOneTree(spans, trace.spanId);
    const query = spans.find((s) => s.service === 'auth' && s.name === 'db select');
    expect(query?.attributes['db.system.name']).toBe('postgresql');
    expect(String(query?.attributes['db.query.text'])).toMatch(/^select /);
  });

  it('makes one trace of a chat message, from the sender through chat to the sockets it reaches', async () => {
    const room = await client.call('POST', '/api/v1/chat/rooms', { kind: 'group', name: 'Traced' });
    expect(room.status).toBe(201);
    const roomId = String(room.body.data?.id);
    const socket = await client.socket();
    const delivered = new Promise<{ text?: string }>((resolve) => socket.once('chat:message:created', resolve));

    const trace = clientTrace();
    const sent = await client.call(
      'POST',
      `/api/v1/chat/rooms/${roomId}/messages`,
      { clientMsgId: 'traced-1', text: 'hello, trace' },
      { traceparent: trace.traceparent },
    );
    expect(sent.status).toBe(201);
    expect((await delivered).text).toBe('hello, trace');
    const spans = await traceOf(trace.traceId, [
      ['gateway', /^POST \/api\/v1\/chat\/rooms\/:roomId\/messages$/],
      ['gateway', /^chat\.message\.send request$/],
      ['chat', /^chat\.message\.send process$/],
      ['chat', /^db /],
      ['chat', /^chat\.message\.created publish$/],
      ['gateway', /^chat\.message\.created process$/],
    ]);
    expectOneTree(spans, trace.spanId);
    // The services' log lines of this request carry its trace id.
    const chatLines = cluster.lines('chat').filter((l) => l.includes(trace.traceId));
    expect(chatLines.some((l) => JSON.parse(l).msg === 'request handled')).toBe(true);
  });
});
