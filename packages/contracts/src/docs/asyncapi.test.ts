import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineClientSocketEvent,
  defineEvent,
  defineJob,
  defineRequest,
  defineSocketEvent,
  defineWsFrame,
} from '../define.ts';
import { type Registry, registry } from '../registry.ts';
import { type AsyncApiDocument, buildAsyncApi } from './asyncapi.ts';
import type { Ref } from './asyncapi-document.ts';

const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
  name: z.string(),
  get children() {
    return z.array(Node);
  },
});

const echo = defineWsFrame({ type: 'heartbeat', direction: 'server', payload: z.object({ n: z.number() }) });
const sample: Registry = {
  requests: [
    defineRequest({
      subject: 'demo.item.list',
      access: 'user',
      request: z.object({ limit: z.coerce.number().default(50) }),
      reply: z.object({ limit: z.number().default(50), tree: Node }),
      errors: ['not_found'],
      socket: { event: 'demo:item:list' },
    }),
  ],
  events: [defineEvent({ subject: 'demo.item.created', payload: z.object({ tree: Node }) })],
  jobs: [defineJob({ subject: 'jobs.demo.send', payload: z.object({ to: z.string() }) })],
  socketEvents: [
    defineSocketEvent({ event: 'demo:item:created', payload: z.object({ id: z.string() }) }),
    defineSocketEvent({ event: 'roomUsers', namespace: '/rooms', payload: z.object({ users: z.array(z.string()) }) }),
  ],
  clientSocketEvents: [
    defineClientSocketEvent({
      event: 'demo:item:watch',
      payload: z.object({ id: z.string() }),
      ack: z.object({ ok: z.boolean() }),
    }),
    defineClientSocketEvent({ event: 'roomUsers', namespace: '/rooms', payload: z.object({ room: z.string() }) }),
  ],
  wsFrames: [echo, defineWsFrame({ type: 'heartbeat', direction: 'client', payload: z.unknown(), replies: [echo] })],
};

function resolve(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(segment in node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function refsIn(node: unknown, path = '#'): { at: string; ref: string }[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ at: path, ref: v }] : refsIn(v, `${path}/${k}`),
  );
}

const target = (doc: AsyncApiDocument, r: Ref) => resolve(doc, r.$ref);

function expectWellFormed(doc: AsyncApiDocument) {
  expect(doc.asyncapi).toBe('3.0.0');
  expect(doc.info.title).toBeTruthy();
  expect(doc.info.version).toBeTruthy();
  const unresolved = refsIn(doc).filter(({ ref }) => resolve(doc, ref) === undefined);
  expect(unresolved).toEqual([]);
  for (const [id, channel] of Object.entries(doc.channels)) {
    expect(channel.address === null || typeof channel.address === 'string', id).toBe(true);
    expect(Object.keys(channel.messages).length, id).toBeGreaterThan(0);
  }
  for (const [id, op] of Object.entries(doc.operations)) {
    expect(['send', 'receive'], id).toContain(op.action);
    expect(op.channel.$ref.startsWith('#/channels/'), id).toBe(true);
    // AsyncAPI 3: an operation's messages are a subset of its channel's, and so are the reply's.
    for (const m of op.messages) expect(m.$ref.startsWith(`${op.channel.$ref}/messages/`), id).toBe(true);
    for (const m of op.reply?.messages ?? [])
      expect(m.$ref.startsWith(`${op.reply!.channel.$ref}/messages/`)).toBe(true);
  }
}

function operationOn(doc: AsyncApiDocument, address: string, action: 'send' | 'receive') {
  return Object.values(doc.operations).filter(
    (op) => op.action === action && (target(doc, op.channel) as { address: string }).address === address,
  );
}

describe('AsyncAPI document of the platform', () => {
  const doc = buildAsyncApi(registry);

  it('is valid AsyncAPI 3.0.0 for the official parser', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const problems = diagnostics.filter((d) => d.severity <= 1 && d.code !== 'asyncapi-latest-version');
    expect(problems.map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
  });

  it('has well-formed channels and operations whose references all resolve', () => {
    expectWellFormed(doc);
  });

  it('has a served channel with a reply for every request subject', () => {
    for (const c of registry.requests) {
      const [op] = operationOn(doc, c.subject, 'receive');
      expect(op, c.subject).toBeDefined();
      expect((target(doc, op!.reply!.channel) as { address: unknown }).address).toBeNull();
      expect(op!.reply!.messages.length).toBe(2);
    }
  });

  it('has a channel for every event and job subject', () => {
    for (const c of registry.events) expect(operationOn(doc, c.subject, 'send'), c.subject).toHaveLength(1);
    for (const c of registry.jobs) expect(operationOn(doc, c.subject, 'receive'), c.subject).toHaveLength(1);
  });

  it('has a message on its namespace for every socket event', () => {
    const names = (ns: string) =>
      Object.values(doc.channels)
        .filter((ch) => ch.address === ns)
        .flatMap((ch) => Object.values(ch.messages).map((m) => ('name' in m ? m.name : undefined)));
    for (const c of registry.socketEvents) expect(names(c.namespace), c.event).toContain(c.event);
    for (const c of registry.requests.filter((r) => r.socket)) expect(names('/')).toContain(c.socket!.event);
  });

  it('receives every client event on its namespace, answered by its ack', () => {
    for (const c of registry.clientSocketEvents) {
      const ops = operationOn(doc, c.namespace, 'receive').filter((op) => op.title === c.event);
      expect(ops, `${c.namespace} ${c.event}`).toHaveLength(1);
      expect(ops[0]!.reply !== undefined, c.event).toBe(c.ack !== undefined);
    }
    const [history] = operationOn(doc, '/rooms', 'receive').filter((op) => op.title === 'history');
    expect(target(doc, history!.messages[0]!)).toMatchObject({ name: 'history' });
    expect(operationOn(doc, '/rooms', 'send').map((op) => op.title)).toContain('history');
  });

  it('describes the raw WebSocket /ws as its own server, every frame a message', () => {
    const ws = Object.values(doc.servers).filter((s) => s.pathname === '/ws');
    expect(ws).toMatchObject([{ protocol: 'ws' }]);
    for (const c of registry.wsFrames) {
      const action = c.direction === 'client' ? 'receive' : 'send';
      const ops = operationOn(doc, c.path, action).filter((op) => op.title === c.type);
      expect(ops, `${c.direction} ${c.type}`).toHaveLength(1);
      expect(ops[0]!.reply?.messages.length ?? 0).toBe(c.replies?.length ?? 0);
    }
  });
});

describe('AsyncAPI document for clients', () => {
  const doc = buildAsyncApi(registry, { audience: 'clients' });
  const addresses = Object.values(doc.channels).map((ch) => ch.address);

  it('is valid AsyncAPI 3.0.0 whose references all resolve', async () => {
    expectWellFormed(doc);
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const problems = diagnostics.filter((d) => d.severity <= 1 && d.code !== 'asyncapi-latest-version');
    expect(problems.map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
  });

  it('lists no NATS subject, internal ones least of all', () => {
    expect(doc.servers.nats).toBeUndefined();
    for (const subject of ['auth.jwks.get', 'auth.user.get', 'gateway.socket.deliver', 'jobs.cleanup.run'])
      expect(addresses).not.toContain(subject);
    for (const c of [...registry.requests, ...registry.events, ...registry.jobs])
      expect(addresses, c.subject).not.toContain(c.subject);
    const named = Object.values(doc.operations).map((op) => (op['x-seed'] as { subject?: string })?.subject);
    for (const c of registry.requests.filter((r) => r.access === 'internal')) expect(named).not.toContain(c.subject);
  });

  it('keeps every socket event and raw WebSocket frame clients use', () => {
    const operators = buildAsyncApi(registry);
    const clientFacing = (d: AsyncApiDocument) =>
      Object.entries(d.channels).filter(([, ch]) => !ch.servers?.some((s) => s.$ref === '#/servers/nats'));
    expect(Object.fromEntries(clientFacing(doc))).toEqual(Object.fromEntries(clientFacing(operators)));
    expect(addresses).toContain('/');
    expect(addresses).toContain('/ws');
  });
});

describe('AsyncAPI document for operators', () => {
  it('lists the internal subjects the public one leaves out', () => {
    const addresses = Object.values(buildAsyncApi(registry).channels).map((ch) => ch.address);
    expect(addresses).toEqual(expect.arrayContaining(['auth.jwks.get', 'gateway.socket.deliver', 'jobs.cleanup.run']));
    expect(addresses.filter((a) => a?.endsWith('.cleanup.run')).length).toBeGreaterThan(1);
  });
});

describe('buildAsyncApi', () => {
  const doc = buildAsyncApi(sample, { title: 'Demo', servers: { nats: 'nats.internal:4222', gateway: 'api.example' } });

  it('describes requests as their receiver accepts them and replies as the sender emits them', () => {
    const schemas = doc.components.schemas;
    expect(schemas.DemoItemListRequest).toMatchObject({ type: 'object' });
    expect(schemas.DemoItemListRequest!.required ?? []).not.toContain('limit');
    expect(schemas.DemoItemListReply!.required).toContain('limit');
  });

  it('answers a socket request through its acknowledgement', () => {
    const [op] = operationOn(doc, '/', 'receive');
    expect(op?.title).toBe('demo:item:list');
    const ack = target(doc, op!.reply!.messages[0]!) as { payload: { oneOf: unknown[] } };
    expect(ack.payload.oneOf).toHaveLength(2);
  });

  it('sends socket events on their own namespace', () => {
    expect(operationOn(doc, '/rooms', 'send').map((op) => op.title)).toEqual(['roomUsers']);
    expect(operationOn(doc, '/', 'send').map((op) => op.title)).toEqual(['demo:item:created']);
  });

  it('receives client events with their acks, on / and on a legacy namespace', () => {
    const [watch] = operationOn(doc, '/', 'receive').filter((op) => op.title === 'demo:item:watch');
    expect(target(doc, watch!.reply!.messages[0]!)).toMatchObject({
      payload: { $ref: '#/components/schemas/SocketDemoItemWatchAck' },
    });
    expect(doc.components.schemas.SocketDemoItemWatchSent).toMatchObject({ required: ['id'] });
    // The same name both ways on a legacy namespace: two messages, one per sender.
    const [joined] = operationOn(doc, '/rooms', 'receive');
    expect(joined).toMatchObject({ title: 'roomUsers' });
    expect(joined!.reply).toBeUndefined();
    expect(operationOn(doc, '/rooms', 'send').map((op) => op.title)).toEqual(['roomUsers']);
  });

  it('puts raw WebSocket frames {type, payload} on a server of their own', () => {
    expect(doc.servers['raw.ws']).toMatchObject({ host: 'api.example', protocol: 'ws', pathname: '/ws' });
    const [heartbeat] = operationOn(doc, '/ws', 'receive');
    const reply = target(doc, heartbeat!.reply!.messages[0]!) as { payload: Record<string, unknown> };
    expect(reply.payload).toMatchObject({
      properties: { type: { const: 'heartbeat' }, payload: { $ref: '#/components/schemas/WsServerHeartbeatPayload' } },
      required: ['type', 'payload'],
    });
    const sent = target(doc, heartbeat!.messages[0]!) as { payload: Record<string, unknown> };
    expect(sent.payload.required).toEqual(['type']);
  });

  it('turns recursive schemas into components that references reach', async () => {
    expectWellFormed(doc);
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
  });

  it('names the servers clients reach', () => {
    expect(doc.info.title).toBe('Demo');
    expect(doc.servers.nats).toMatchObject({ host: 'nats.internal:4222', protocol: 'nats' });
    expect(doc.servers.gateway).toMatchObject({ host: 'api.example', protocol: 'ws', pathname: '/api/v1/ws' });
  });
});
