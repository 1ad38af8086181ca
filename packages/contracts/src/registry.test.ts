import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineClientSocketEvent,
  defineEvent,
  defineJob,
  defineRequest,
  defineSocketEvent,
  defineWsFrame,
  type ErrorCode,
} from './define.ts';
import { errorStatus } from './errors.ts';
import { type Registry, registry } from './registry.ts';

const token = '[a-z][a-z0-9]*(?:_[a-z0-9]+)*';
const subjectForm = new RegExp(`^${token}\\.${token}\\.${token}$`);
const jobForm = new RegExp(`^jobs\\.${token}\\.${token}$`);
/** `<domain>:<entity>:<verb>`, or `<domain>:<verb>` where the spec names one (`chat:typing`, `friends:removed`). */
const socketEventForm = new RegExp(`^${token}(?::${token}){1,2}$`);

/** Past participles that do not end in -ed. */
const irregularPast = new Set([
  'sent',
  'read',
  'left',
  'set',
  'reset',
  'put',
  'begun',
  'done',
  'held',
  'kept',
  'lost',
  'made',
  'paid',
  'run',
  'seen',
  'shown',
  'taken',
  'written',
  'won',
]);
/** Events that are commands to the gateway rather than facts, so they are named with a verb. */
const commandEvents = new Set(['gateway.socket.deliver', 'gateway.socket.rooms']);
/** Names on namespace `/` that are not `<domain>:<entity>:<verb>`. */
const reservedRootEvents = new Set(['error']);
/** Legacy protocols keep their own event names (SPEC §3, §4): each is listed here on purpose. */
const legacyProtocolEvents: Record<string, ReadonlySet<string>> = {
  '/playco_ws': new Set([
    'PLAYLIST_USER_ENTERED',
    'PLAYLIST_USER_EXITED',
    'PLAYLIST_MODIFIED',
    'OFFICIAL_ANNOUNCEMENT',
    'REQUEST_RESPONSE_<request_id>',
  ]),
  '/rooms': new Set(['message', 'roomUsers', 'alert', 'history', 'messageChanged']),
};
/** The client events of the legacy protocols; `connect` stands for the handshake's `auth`. */
const legacyProtocolClientEvents: Record<string, ReadonlySet<string>> = {
  '/playco_ws': new Set(['playcoConnect', 'playco_connect', 'playlist_enter', 'playlist_leave', 'playlist_set_status']),
  '/rooms': new Set(['connect', 'joinRoom', 'chatMessage', 'history']),
};
/** REWIND's raw WebSocket frame types (SPEC §4), by path and sender. */
const legacyWsFrames: Record<string, Record<'client' | 'server', ReadonlySet<string>>> = {
  '/ws': {
    client: new Set(['heartbeat', 'auth', 'chat', 'load', 'mutual_users']),
    server: new Set(['heartbeat', 'auth', 'chat', 'load', 'mutual_users', 'ok', 'error']),
  },
};
/** Routes outside `/api/v1` that the spec places at the root. */
const rootPaths = new Set(['/.well-known/jwks.json']);

/** Every rule a contract breaks, one line each; empty when the registry is sound. */
function checkRegistry(reg: Registry): string[] {
  const problems: string[] = [];
  const seen = (map: Map<string, string>, k: string, who: string, what: string) => {
    const first = map.get(k);
    if (first) problems.push(`${who}: ${what} already used by ${first}`);
    else map.set(k, who);
  };

  const subjects = new Map<string, string>();
  for (const c of [...reg.requests, ...reg.events, ...reg.jobs]) seen(subjects, c.subject, c.subject, 'subject');

  const routes = new Map<string, string>();
  // On `/` a name means one thing whoever sends it; a legacy namespace may use a name both ways.
  const socketNames = new Map<string, string>();
  const socketKey = (namespace: string, from: 'client' | 'server', event: string) =>
    namespace === '/' ? `/ ${event}` : `${namespace} ${from} ${event}`;
  for (const c of reg.requests) {
    if (!subjectForm.test(c.subject) || c.subject.startsWith('jobs.'))
      problems.push(`${c.subject}: a request subject is <domain>.<entity>.<verb> in lowercase`);
    for (const code of c.errors)
      if (!(code in errorStatus)) problems.push(`${c.subject}: error code ${code} is not in errorStatus`);
    if (c.access === 'internal' && (c.http || c.socket))
      problems.push(`${c.subject}: an internal contract has no http or socket binding`);
    if (c.http) {
      const { method, path } = c.http;
      // Fastify treats `/rooms/:id` and `/rooms/:roomId` as the same route.
      seen(routes, `${method} ${path.replace(/:\w+/g, ':')}`, c.subject, `route ${method} ${path}`);
      if (!path.startsWith('/api/v1/') && !rootPaths.has(path))
        problems.push(`${c.subject}: ${path} is not under /api/v1/`);
      const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const keys = fieldsOf(c.request);
      if (params.length > 0 && !keys)
        problems.push(`${c.subject}: a request with path params is a z.object or a union of them`);
      for (const p of params)
        if (keys && !keys.includes(p)) problems.push(`${c.subject}: path param :${p} is not a request field`);
    }
    if (c.socket) {
      if (!socketEventForm.test(c.socket.event))
        problems.push(`${c.subject}: socket event ${c.socket.event} is not <domain>:<entity>:<verb>`);
      seen(socketNames, socketKey('/', 'client', c.socket.event), c.subject, `socket event ${c.socket.event} on /`);
    }
  }

  for (const c of reg.events) {
    const verb = c.subject.split('.').at(-1)!;
    if (!subjectForm.test(c.subject) || c.subject.startsWith('jobs.'))
      problems.push(`${c.subject}: an event subject is <domain>.<entity>.<past> in lowercase`);
    else if (!verb.endsWith('ed') && !irregularPast.has(verb) && !commandEvents.has(c.subject))
      problems.push(`${c.subject}: an event is named in the past tense (${verb})`);
  }

  for (const c of reg.jobs)
    if (!jobForm.test(c.subject)) problems.push(`${c.subject}: a job subject is jobs.<kind>.<verb> in lowercase`);

  for (const c of reg.socketEvents) {
    const who = `socket event ${c.event} on ${c.namespace}`;
    if (c.namespace === '/') {
      if (!socketEventForm.test(c.event) && !reservedRootEvents.has(c.event))
        problems.push(`${who}: is not <domain>:<entity>:<past>`);
    } else if (!legacyProtocolEvents[c.namespace]?.has(c.event)) {
      problems.push(`${who}: is not a listed legacy protocol event`);
    }
    seen(socketNames, socketKey(c.namespace, 'server', c.event), who, 'name');
  }

  for (const c of reg.clientSocketEvents) {
    const who = `client event ${c.event} on ${c.namespace}`;
    if (c.namespace === '/') {
      if (!socketEventForm.test(c.event)) problems.push(`${who}: is not <domain>:<entity>:<verb>`);
    } else if (!legacyProtocolClientEvents[c.namespace]?.has(c.event)) {
      problems.push(`${who}: is not a listed legacy protocol client event`);
    }
    seen(socketNames, socketKey(c.namespace, 'client', c.event), who, 'name');
  }

  const frames = new Map<string, string>();
  for (const c of reg.wsFrames) {
    const who = `${c.direction} frame ${c.type} on ${c.path}`;
    if (!legacyWsFrames[c.path]?.[c.direction].has(c.type)) problems.push(`${who}: is not a listed frame type`);
    seen(frames, `${c.path} ${c.direction} ${c.type}`, who, 'type');
  }
  for (const c of reg.wsFrames)
    for (const r of c.replies ?? [])
      if (!reg.wsFrames.includes(r) || r.path !== c.path)
        problems.push(
          `${c.direction} frame ${c.type} on ${c.path}: reply ${r.type} is not a server frame of ${c.path}`,
        );
  return problems;
}

/** The fields every value of an object schema (or a union of them) has; undefined for anything else. */
function fieldsOf(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    const each = (schema.options as z.ZodType[]).map(fieldsOf);
    if (each.some((f) => !f)) return undefined;
    return each.reduce((common, f) => common!.filter((k) => f!.includes(k)));
  }
  return undefined;
}

const Room = z.object({ roomId: z.string() });
const heartbeatEcho = defineWsFrame({ type: 'heartbeat', direction: 'server', payload: z.unknown() });
const sound = (): Registry => ({
  requests: [
    defineRequest({
      subject: 'chat.room.get',
      access: 'user',
      request: Room,
      reply: Room,
      errors: ['not_found'],
      http: { method: 'GET', path: '/api/v1/chat/rooms/:roomId' },
      socket: { event: 'chat:room:get' },
    }),
    defineRequest({ subject: 'auth.user.get', access: 'internal', request: Room, reply: Room }),
  ],
  events: [defineEvent({ subject: 'chat.message.sent', payload: Room })],
  jobs: [defineJob({ subject: 'jobs.push.send', payload: Room })],
  socketEvents: [
    defineSocketEvent({ event: 'chat:message:created', payload: Room }),
    defineSocketEvent({ event: 'roomUsers', namespace: '/rooms', payload: Room }),
    defineSocketEvent({ event: 'history', namespace: '/rooms', payload: Room }),
  ],
  clientSocketEvents: [
    defineClientSocketEvent({ event: 'chat:room:watch', payload: Room, ack: Room }),
    defineClientSocketEvent({ event: 'history', namespace: '/rooms', payload: Room }),
  ],
  wsFrames: [
    heartbeatEcho,
    defineWsFrame({ type: 'heartbeat', direction: 'client', payload: z.unknown(), replies: [heartbeatEcho] }),
  ],
});

type Mutation = (r: Registry) => void;
const request = (r: Registry) => r.requests[0]!;
const badSamples: [string, Mutation, string][] = [
  [
    'a subject used twice',
    (r) =>
      r.requests.push(defineRequest({ subject: 'chat.message.sent', access: 'internal', request: Room, reply: Room })),
    'subject already used',
  ],
  ['a request with two tokens', (r) => Object.assign(request(r), { subject: 'chat.room' }), '<domain>.<entity>.<verb>'],
  [
    'a request in camelCase',
    (r) => Object.assign(request(r), { subject: 'chat.chatRoom.get' }),
    '<domain>.<entity>.<verb>',
  ],
  ['an event named as a command', (r) => Object.assign(r.events[0]!, { subject: 'chat.message.send' }), 'past tense'],
  ['a job outside jobs.', (r) => Object.assign(r.jobs[0]!, { subject: 'push.job.send' }), 'jobs.<kind>.<verb>'],
  [
    'an unknown error code',
    (r) => Object.assign(request(r), { errors: ['no_such_code' as ErrorCode] }),
    'not in errorStatus',
  ],
  [
    'an internal contract with a route',
    (r) => Object.assign(r.requests[1]!, { http: { method: 'GET', path: '/api/v1/users/:roomId' } }),
    'internal contract',
  ],
  [
    'the same route with another param name',
    (r) => {
      r.requests[1]!.access = 'user';
      r.requests[1]!.request = z.object({ id: z.string() });
      r.requests[1]!.http = { method: 'GET', path: '/api/v1/chat/rooms/:id' };
    },
    'route GET /api/v1/chat/rooms/:id already used',
  ],
  [
    'a path param missing from the request',
    (r) => Object.assign(request(r), { http: { method: 'GET', path: '/api/v1/chat/rooms/:id' } }),
    'path param :id',
  ],
  [
    'a union request where one variant lacks a path param',
    (r) => Object.assign(request(r), { request: z.union([Room, z.object({ other: z.string() })]) }),
    'path param :roomId',
  ],
  [
    'a route outside /api/v1',
    (r) => Object.assign(request(r), { http: { method: 'GET', path: '/rooms/:roomId' } }),
    'not under',
  ],
  [
    'a socket event in camelCase',
    (r) => Object.assign(r.socketEvents[0]!, { event: 'chatMessageCreated' }),
    '<domain>:<entity>',
  ],
  [
    'an unlisted legacy protocol event',
    (r) => r.socketEvents.push(defineSocketEvent({ event: 'newThing', namespace: '/rooms', payload: Room })),
    'not a listed legacy protocol event',
  ],
  [
    'a socket event name used twice on a namespace',
    (r) => r.socketEvents.push(defineSocketEvent({ event: 'chat:room:get', payload: Room })),
    'name already used',
  ],
  [
    'a client event on / named like a request binding',
    (r) => r.clientSocketEvents.push(defineClientSocketEvent({ event: 'chat:room:get', payload: Room })),
    'name already used',
  ],
  [
    'a client event on / in camelCase',
    (r) => Object.assign(r.clientSocketEvents[0]!, { event: 'watchRoom' }),
    '<domain>:<entity>:<verb>',
  ],
  [
    'an unlisted legacy protocol client event',
    (r) =>
      r.clientSocketEvents.push(defineClientSocketEvent({ event: 'leaveRoom', namespace: '/rooms', payload: Room })),
    'not a listed legacy protocol client event',
  ],
  [
    'a client event name used twice on a legacy namespace',
    (r) => r.clientSocketEvents.push(defineClientSocketEvent({ event: 'history', namespace: '/rooms', payload: Room })),
    'name already used',
  ],
  [
    'an unlisted frame type',
    (r) => r.wsFrames.push(defineWsFrame({ type: 'dance', direction: 'client', payload: Room })),
    'not a listed frame type',
  ],
  [
    'a frame type used twice by one sender',
    (r) => r.wsFrames.push(defineWsFrame({ type: 'heartbeat', direction: 'server', payload: Room })),
    'type already used',
  ],
  [
    'a frame answered by a frame that is not registered',
    (r) =>
      Object.assign(r.wsFrames[1]!, {
        replies: [defineWsFrame({ type: 'ok', direction: 'server', payload: Room })],
      }),
    'reply ok is not a server frame',
  ],
];

describe('contract registry', () => {
  it('follows the naming and binding rules', () => {
    expect(checkRegistry(registry)).toEqual([]);
  });

  it('accepts a sound sample', () => {
    expect(checkRegistry(sound())).toEqual([]);
  });

  it.each(badSamples)('rejects %s', (_, mutate, expected) => {
    const r = sound();
    mutate(r);
    const problems = checkRegistry(r);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});
