import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, defineJob, defineRequest, defineSocketEvent } from '../define.ts';
import { type Registry, registry } from '../registry.ts';
import { type AsyncApiDocument, buildAsyncApi } from './asyncapi.ts';
import type { Ref } from './asyncapi-document.ts';

const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
  name: z.string(),
  get children() {
    return z.array(Node);
  },
});

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
