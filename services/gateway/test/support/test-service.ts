import { setTimeout as sleep } from 'node:timers/promises';
import { defineRequest, getJwks, Id, PageQuery, registry as platform, type Registry } from '@seed/contracts';
import {
  AppError,
  createIdempotency,
  createServiceHost,
  type Logger,
  type NatsConnection,
  type Redis,
  type ServiceHost,
} from '@seed/runtime';
import { z } from 'zod';

const Caller = z.object({ userId: z.string(), sessionId: z.string() });
const Doc = z.object({ doc: z.object({ id: Id, version: z.number(), title: z.string() }) });
/** The version every test document is at. */
export const DOC_VERSION = 3;

/** Where the test service's routes live. */
export const TEST_API = '/api/v1/test';
export const TEST_SERVICE = 'svc_test';

/** Operations of a service that exists only in the gateway's tests (each test file has a NATS of its own). */
export function testContracts(prefix = 'test') {
  const path = (p: string) => `/api/v1/${prefix}${p}`;
  const tokenCookie = { name: 'test_token', field: 'refreshToken', path: path('/tokens') };
  return {
    jwks: getJwks,
    echo: defineRequest({
      subject: `${prefix}.echo.send`,
      access: 'public',
      request: z.object({
        thingId: Id,
        text: z.string().min(1).max(50),
        count: z.number().int().min(1).max(5).default(1),
      }),
      reply: z.object({
        thingId: Id,
        text: z.string(),
        count: z.number(),
        requestId: z.string(),
        caller: Caller.nullable(),
      }),
      http: { method: 'POST', path: path('/things/:thingId/echo'), status: 201, summary: 'Echo' },
    }),
    search: defineRequest({
      subject: `${prefix}.thing.list`,
      access: 'public',
      request: PageQuery.extend({ q: z.string().min(1) }),
      reply: z.object({ q: z.string(), limit: z.number(), cursor: z.string().nullable() }),
      http: { method: 'GET', path: path('/things') },
    }),
    fail: defineRequest({
      subject: `${prefix}.failure.get`,
      access: 'public',
      request: z.object({ kind: z.enum(['not_found', 'conflict']) }),
      reply: z.object({}),
      errors: ['not_found', 'conflict'],
      http: { method: 'GET', path: path('/failures/:kind') },
    }),
    crash: defineRequest({
      subject: `${prefix}.crash.get`,
      access: 'public',
      request: z.object({}),
      reply: z.object({}),
      http: { method: 'GET', path: path('/crash') },
    }),
    hang: defineRequest({
      subject: `${prefix}.hang.get`,
      access: 'public',
      request: z.object({}),
      reply: z.object({}),
      http: { method: 'GET', path: path('/hang') },
      timeoutMs: 300,
    }),
    slow: defineRequest({
      subject: `${prefix}.slow.get`,
      access: 'public',
      request: z.object({ ms: z.coerce.number().int().min(0).max(10_000).default(0), tag: z.string().optional() }),
      reply: z.object({ pid: z.number(), tag: z.string().nullable() }),
      http: { method: 'GET', path: path('/slow') },
      timeoutMs: 20_000,
    }),
    whoami: defineRequest({
      subject: `${prefix}.caller.get`,
      access: 'user',
      request: z.object({}),
      reply: Caller.extend({
        requestId: z.string(),
        clientIp: z.string().optional(),
        userAgent: z.string().optional(),
      }),
      http: { method: 'GET', path: path('/me') },
    }),
    limited: defineRequest({
      subject: `${prefix}.limited.get`,
      access: 'public',
      request: z.object({}),
      reply: z.object({ ok: z.boolean() }),
      http: { method: 'GET', path: path('/limited'), rateLimit: { max: 3, timeWindowMs: 60_000 } },
    }),
    docGet: defineRequest({
      subject: `${prefix}.doc.get`,
      access: 'public',
      request: z.object({ docId: Id }),
      reply: Doc,
      http: { method: 'GET', path: path('/docs/:docId'), etag: { field: 'doc.version' } },
    }),
    docUpdate: defineRequest({
      subject: `${prefix}.doc.update`,
      access: 'public',
      request: z.object({ docId: Id, version: z.number().int(), title: z.string().min(1) }),
      reply: Doc,
      errors: ['version_mismatch'],
      http: {
        method: 'PATCH',
        path: path('/docs/:docId'),
        ifMatch: { field: 'version', required: true },
        etag: { field: 'doc.version' },
      },
    }),
    tokenIssue: defineRequest({
      subject: `${prefix}.token.issue`,
      access: 'public',
      request: z.object({}),
      reply: z.object({ accessToken: z.string(), refreshToken: z.string() }),
      http: { method: 'POST', path: path('/tokens'), cookie: { ...tokenCookie, set: true } },
    }),
    tokenUse: defineRequest({
      subject: `${prefix}.token.use`,
      access: 'public',
      request: z.object({ refreshToken: z.string().min(1) }),
      reply: z.object({ used: z.string() }),
      http: { method: 'POST', path: path('/tokens/use'), cookie: { ...tokenCookie, read: true, clear: true } },
    }),
    create: defineRequest({
      subject: `${prefix}.thing.create`,
      access: 'public',
      request: z.object({ name: z.string().min(1), ms: z.number().int().min(0).max(5_000).default(0) }),
      reply: z.object({ name: z.string(), run: z.number() }),
      errors: ['conflict'],
      http: { method: 'POST', path: path('/things'), status: 201 },
      timeoutMs: 500,
    }),
    remove: defineRequest({
      subject: `${prefix}.thing.remove`,
      access: 'public',
      request: z.object({ thingId: Id }),
      reply: z.object({ removed: Id }),
      http: { method: 'DELETE', path: path('/things/:thingId') },
    }),
    nobody: defineRequest({
      subject: `${prefix}.nobody.get`,
      access: 'public',
      request: z.object({}),
      reply: z.object({}),
      http: { method: 'GET', path: path('/nobody') },
    }),
  };
}

export type TestContracts = ReturnType<typeof testContracts>;

export const contracts: TestContracts = testContracts();

/** The platform registry with the test operations (and auth's JWKS) as its requests. */
export const registry: Registry = { ...platform, requests: Object.values(contracts) };

export interface TestServiceOptions {
  logger: Logger;
  /** Called when a `slow` request starts, with its tag. */
  onSlowStart?: (tag: string | undefined) => void;
  /** Keeps answers to requests with an `Idempotency-Key` (ignored without). */
  redis?: Redis;
  /** Called each time a `create` request runs, with its name. */
  onCreate?: (name: string) => void;
}

/** Serves the test operations (all but `nobody` and `jwks`) in queue group `svc_test`. */
export async function serveTestContracts(nc: NatsConnection, opts: TestServiceOptions): Promise<ServiceHost> {
  const host = await createServiceHost(nc, {
    name: TEST_SERVICE,
    version: '0.0.1',
    logger: opts.logger,
    ...(opts.redis ? { idempotency: createIdempotency(opts.redis, { ttlMs: 60_000 }) } : {}),
  });
  let runs = 0;
  host.serve(contracts.echo, (input, ctx) => ({ ...input, requestId: ctx.requestId, caller: ctx.caller ?? null }));
  host.serve(contracts.search, ({ q, limit, cursor }) => ({ q, limit, cursor: cursor ?? null }));
  host.serve(contracts.fail, ({ kind }) => {
    throw new AppError(kind, `failure of kind ${kind}`, { kind });
  });
  host.serve(contracts.crash, () => {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  });
  host.serve(contracts.hang, async () => {
    await sleep(2_000);
    return {};
  });
  host.serve(contracts.slow, async ({ ms, tag }) => {
    opts.onSlowStart?.(tag);
    await sleep(ms);
    return { pid: process.pid, tag: tag ?? null };
  });
  host.serve(contracts.whoami, (_input, ctx) => ({
    ...ctx.caller,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
  }));
  host.serve(contracts.limited, () => ({ ok: true }));
  host.serve(contracts.docGet, ({ docId }) => ({ doc: { id: docId, version: DOC_VERSION, title: 'draft' } }));
  host.serve(contracts.docUpdate, ({ docId, version, title }) => {
    const current = { id: docId, version: DOC_VERSION, title: 'draft' };
    if (version !== DOC_VERSION) throw new AppError('version_mismatch', 'the document changed', { current });
    return { doc: { ...current, version: DOC_VERSION + 1, title } };
  });
  host.serve(contracts.create, async ({ name, ms }) => {
    const run = ++runs;
    opts.onCreate?.(name);
    await sleep(ms);
    if (name === 'taken') throw new AppError('conflict', 'that name is taken');
    return { name, run };
  });
  host.serve(contracts.tokenIssue, () => ({ accessToken: 'access-1', refreshToken: 'refresh-1' }));
  host.serve(contracts.tokenUse, ({ refreshToken }) => ({ used: refreshToken }));
  host.serve(contracts.remove, ({ thingId }) => ({ removed: thingId }));
  return host;
}
