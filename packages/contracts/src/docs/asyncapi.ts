import type {
  ClientSocketEventContract,
  EventContract,
  JobContract,
  RequestContract,
  SocketEventContract,
  WsFrameContract,
} from '../define.ts';
import { ErrorBody, ErrorResponse, errorStatus } from '../errors.ts';
import type { Registry } from '../registry.ts';
import {
  type AsyncApiChannel,
  type AsyncApiDocument,
  type AsyncApiOperation,
  key,
  pascal,
  type Ref,
  ref,
} from './asyncapi-document.ts';
import { createSchemaCatalog, type JsonSchema } from './json-schemas.ts';

export type { AsyncApiDocument } from './asyncapi-document.ts';

export interface AsyncApiOptions {
  title?: string;
  version?: string;
  description?: string;
  /** `host[:port]` of each server as its clients reach it. */
  servers?: { nats?: string; gateway?: string };
  /**
   * `clients`: only what clients reach through the gateway (Socket.IO events and raw WebSocket
   * frames), the public document. `operators` (the default): NATS requests, events and jobs too,
   * internal ones included.
   */
  audience?: 'clients' | 'operators';
}

const JSON_TYPE = 'application/json';
const SOCKET_PATH = '/api/v1/ws';
const NATS_SERVER = ref('servers', 'nats');
const GATEWAY_SERVER = ref('servers', 'gateway');

const headerSchemas: Record<string, JsonSchema> = {
  RequestContextHeaders: {
    type: 'object',
    description: 'Set by the caller and passed on by every hop.',
    properties: {
      'Seed-Request-Id': { type: 'string', description: 'Correlates logs across services.' },
      'Seed-User-Id': { type: 'string', description: 'The signed-in caller, as verified by the gateway.' },
      'Seed-Session-Id': { type: 'string', description: 'The caller session (`sid` claim).' },
    },
  },
  ServiceErrorHeaders: {
    type: 'object',
    properties: {
      'Nats-Service-Error': { type: 'string', description: 'The error message.' },
      'Nats-Service-Error-Code': { type: 'string', description: 'The HTTP status of the error code.' },
    },
    required: ['Nats-Service-Error', 'Nats-Service-Error-Code'],
  },
  JobHeaders: {
    type: 'object',
    properties: {
      'Nats-Msg-Id': { type: 'string', description: 'The job id; JetStream drops a duplicate within its window.' },
      'Seed-Request-Id': { type: 'string' },
    },
    required: ['Nats-Msg-Id'],
  },
};

/**
 * The platform's message-driven API as an AsyncAPI 3.0.0 document, generated from the contract
 * registry: NATS requests (served with a reply), events and jobs, the gateway's Socket.IO
 * events (client events answered through the acknowledgement, server events per namespace) and
 * the frames of its raw WebSocket endpoints (each its own server).
 */
export function buildAsyncApi(registry: Registry, opts: AsyncApiOptions = {}): AsyncApiDocument {
  const forOperators = (opts.audience ?? 'operators') === 'operators';
  const schemas = createSchemaCatalog();
  const doc: AsyncApiDocument = {
    asyncapi: '3.0.0',
    info: {
      title: opts.title ?? 'Seed platform',
      version: opts.version ?? '0.1.0',
      description:
        opts.description ??
        (forOperators
          ? 'Messages between the Seed services over NATS, and the real-time API clients reach through the gateway.'
          : 'The real-time API clients reach through the gateway: Socket.IO events and raw WebSocket frames.'),
    },
    defaultContentType: JSON_TYPE,
    servers: {
      nats: {
        host: opts.servers?.nats ?? 'localhost:4222',
        protocol: 'nats',
        title: 'NATS',
        description: 'Requests (one queue group per service), events, and jobs on the JetStream stream JOBS.',
      },
      gateway: {
        host: opts.servers?.gateway ?? 'localhost:8080',
        protocol: 'ws',
        pathname: SOCKET_PATH,
        title: 'Gateway Socket.IO',
        description: 'Socket.IO; a channel is a namespace and a message name is its event name.',
      },
    },
    channels: {},
    operations: {},
    components: {
      schemas: {},
      messages: {
        ErrorReply: {
          name: 'ErrorReply',
          title: 'Error reply',
          contentType: JSON_TYPE,
          headers: ref('components', 'schemas', 'ServiceErrorHeaders'),
          payload: schemas.ref(ErrorResponse, 'output', 'ErrorResponse'),
        },
      },
    },
  };
  const errorBody = schemas.ref(ErrorBody, 'output', 'ErrorBody');

  const addChannel = (id: string, channel: AsyncApiChannel) => {
    if (doc.channels[id]) throw new Error(`two channels named ${id}`);
    doc.channels[id] = channel;
  };
  const addOperation = (id: string, operation: AsyncApiOperation) => {
    if (doc.operations[id]) throw new Error(`two operations named ${id}`);
    doc.operations[id] = operation;
  };

  // What clients use comes first: a schema is named where it is first met, so a payload that a
  // socket event shares with a NATS event has the same name in both documents.
  for (const c of registry.requests) if (c.socket) addSocketRequest(c, c.socket.event);
  for (const c of registry.socketEvents) addSocketEvent(c);
  for (const c of registry.clientSocketEvents) addClientSocketEvent(c);
  for (const c of registry.wsFrames) addWsFrame(c);
  for (const c of registry.wsFrames) if (c.direction === 'client') addWsFrameOperation(c);
  if (forOperators) {
    for (const c of registry.requests) addRequest(c);
    for (const c of registry.events) addPublished(c, 'Event');
    for (const c of registry.jobs) addPublished(c, 'Job');
  } else {
    delete doc.servers.nats;
    delete doc.components.messages.ErrorReply;
  }

  doc.components.schemas = { ...(forOperators ? headerSchemas : {}), ...schemas.build() };
  return doc;

  function addRequest(c: RequestContract) {
    const id = key(c.subject);
    const replyId = key(c.subject, 'reply');
    const name = pascal(c.subject);
    const domain = c.subject.split('.')[0]!;
    addChannel(id, {
      address: c.subject,
      title: c.subject,
      messages: {
        request: {
          name: `${name}Request`,
          contentType: JSON_TYPE,
          headers: ref('components', 'schemas', 'RequestContextHeaders'),
          payload: schemas.ref(c.request, 'input', `${name}Request`),
        },
      },
      servers: [NATS_SERVER],
    });
    addChannel(replyId, {
      address: null,
      description: "The caller's inbox (the request's reply subject).",
      messages: {
        reply: {
          name: `${name}Reply`,
          contentType: JSON_TYPE,
          payload: schemas.ref(c.reply, 'output', `${name}Reply`),
        },
        error: ref('components', 'messages', 'ErrorReply'),
      },
      servers: [NATS_SERVER],
    });
    addOperation(id, {
      action: 'receive',
      channel: ref('channels', id),
      title: c.subject,
      description: c.description ?? `Served by ${domain} in queue group "${domain}".`,
      messages: [ref('channels', id, 'messages', 'request')],
      reply: {
        channel: ref('channels', replyId),
        messages: [ref('channels', replyId, 'messages', 'reply'), ref('channels', replyId, 'messages', 'error')],
      },
      tags: [{ name: domain }],
      bindings: { nats: { queue: domain, bindingVersion: '0.1.0' } },
      'x-seed': {
        access: c.access,
        timeoutMs: c.timeoutMs,
        errors: errorsOf(c),
        ...(c.http ? { http: { method: c.http.method, path: c.http.path } } : {}),
        ...(c.socket ? { socketEvent: c.socket.event } : {}),
      },
    });
  }

  function addPublished(c: EventContract | JobContract, role: 'Event' | 'Job') {
    const id = key(c.subject);
    const name = pascal(c.subject);
    addChannel(id, {
      address: c.subject,
      title: c.subject,
      messages: {
        [role.toLowerCase()]: {
          name,
          contentType: JSON_TYPE,
          headers: ref('components', 'schemas', role === 'Job' ? 'JobHeaders' : 'RequestContextHeaders'),
          payload: schemas.ref(c.payload, 'output', `${name}${role}`),
        },
      },
      servers: [NATS_SERVER],
    });
    const isJob = c.kind === 'job';
    addOperation(id, {
      // Events are described from the publisher's side; jobs from the worker that consumes them.
      action: isJob ? 'receive' : 'send',
      channel: ref('channels', id),
      title: c.subject,
      description:
        c.description ??
        (isJob
          ? 'Consumed by the worker from the JetStream stream JOBS with explicit acks.'
          : `Published by ${c.subject.split('.')[0]}.`),
      messages: [ref('channels', id, 'messages', role.toLowerCase())],
      tags: [{ name: c.subject.split('.')[isJob ? 1 : 0]! }],
      ...(isJob ? { 'x-seed': { maxDeliver: c.maxDeliver, ackWaitMs: c.ackWaitMs, backoffMs: c.backoffMs } } : {}),
    });
  }

  function socketChannel(namespace: string): string {
    const id = key('socket', namespace === '/' ? 'root' : namespace);
    doc.channels[id] ??= {
      address: namespace,
      title: `Socket.IO namespace ${namespace}`,
      messages: {},
      servers: [GATEWAY_SERVER],
    };
    return id;
  }

  function socketAckChannel(namespace: string): string {
    const id = `${socketChannel(namespace)}.acks`;
    doc.channels[id] ??= {
      address: null,
      description:
        namespace === '/'
          ? 'Acknowledgements: `{ok: true, data}` or `{ok: false, error}`.'
          : `Acknowledgements and replies of the legacy protocol on ${namespace}.`,
      messages: {},
      servers: [GATEWAY_SERVER],
    };
    return id;
  }

  /**
   * A message's id in its channel: the event name; on a legacy namespace, where a name may travel
   * both ways (`history`), prefixed with who sends it.
   */
  function socketMessageId(namespace: string, from: 'client' | 'server', event: string) {
    return namespace === '/' ? key(event) : key(from, event);
  }

  function addSocketMessage(channelId: string, messageId: string, message: AsyncApiChannel['messages'][string]) {
    const messages = doc.channels[channelId]!.messages;
    if (messages[messageId]) throw new Error(`two socket messages ${messageId} in ${channelId}`);
    messages[messageId] = message;
    return messageId;
  }

  function addSocketRequest(c: RequestContract, event: string) {
    const channelId = socketChannel('/');
    const ackChannelId = socketAckChannel('/');
    const name = pascal(c.subject);
    const messageId = addSocketMessage(channelId, key(event), {
      name: event,
      contentType: JSON_TYPE,
      payload: schemas.ref(c.request, 'input', `${name}Request`),
    });
    const ackId = addSocketMessage(ackChannelId, key(event), {
      name: event,
      title: `Acknowledgement of ${event}`,
      contentType: JSON_TYPE,
      payload: ackSchema(schemas.ref(c.reply, 'output', `${name}Reply`), errorBody),
    });
    addOperation(key(channelId, event), {
      action: 'receive',
      channel: ref('channels', channelId),
      title: event,
      description: c.description ?? `Forwarded to ${c.subject}; answered through the acknowledgement.`,
      messages: [ref('channels', channelId, 'messages', messageId)],
      reply: { channel: ref('channels', ackChannelId), messages: [ref('channels', ackChannelId, 'messages', ackId)] },
      tags: [{ name: c.subject.split('.')[0]! }],
      'x-seed': { access: c.access, subject: c.subject, errors: errorsOf(c) },
    });
  }

  function addSocketEvent(c: SocketEventContract) {
    const channelId = socketChannel(c.namespace);
    const messageId = addSocketMessage(channelId, socketMessageId(c.namespace, 'server', c.event), {
      name: c.event,
      contentType: JSON_TYPE,
      payload: schemas.ref(c.payload, 'output', pascal(c.namespace === '/' ? 'socket' : c.namespace, c.event)),
    });
    addOperation(key(channelId, messageId), {
      action: 'send',
      channel: ref('channels', channelId),
      title: c.event,
      description: c.description ?? `Emitted by the gateway to sockets on ${c.namespace}.`,
      messages: [ref('channels', channelId, 'messages', messageId)],
    });
  }

  function addClientSocketEvent(c: ClientSocketEventContract) {
    const channelId = socketChannel(c.namespace);
    const messageId = socketMessageId(c.namespace, 'client', c.event);
    const name = pascal(c.namespace === '/' ? 'socket' : c.namespace, c.event);
    addSocketMessage(channelId, messageId, {
      name: c.event,
      contentType: JSON_TYPE,
      payload: schemas.ref(c.payload, 'input', `${name}Sent`),
    });
    let reply: AsyncApiOperation['reply'];
    if (c.ack) {
      const ackChannelId = socketAckChannel(c.namespace);
      addSocketMessage(ackChannelId, messageId, {
        name: c.event,
        title: `Reply to ${c.event}`,
        contentType: JSON_TYPE,
        payload: schemas.ref(c.ack, 'output', `${name}Ack`),
      });
      reply = {
        channel: ref('channels', ackChannelId),
        messages: [ref('channels', ackChannelId, 'messages', messageId)],
      };
    }
    addOperation(key(channelId, messageId), {
      action: 'receive',
      channel: ref('channels', channelId),
      title: c.event,
      description: c.description ?? `Served by the gateway on ${c.namespace}.`,
      messages: [ref('channels', channelId, 'messages', messageId)],
      ...(reply ? { reply } : {}),
      tags: [{ name: c.namespace === '/' ? c.event.split(':')[0]! : c.namespace.slice(1) }],
    });
  }

  function wsChannel(path: string): string {
    const id = key('raw', path);
    if (!doc.servers[id]) {
      doc.servers[id] = {
        host: opts.servers?.gateway ?? 'localhost:8080',
        protocol: 'ws',
        pathname: path,
        title: `Gateway WebSocket ${path}`,
        description: 'A raw WebSocket: JSON text frames `{type, payload}`; a message name is the frame type.',
      };
      doc.channels[id] = {
        address: path,
        title: `WebSocket ${path}`,
        messages: {},
        servers: [ref('servers', id)],
      };
    }
    return id;
  }

  function addWsFrame(c: WsFrameContract) {
    const channelId = wsChannel(c.path);
    const messageId = wsMessageId(c);
    const io = c.direction === 'client' ? 'input' : 'output';
    const payload = schemas.ref(c.payload, io, pascal(c.path, c.direction, c.type, 'payload'));
    const payloadOptional = c.payload.safeParse(undefined).success;
    addSocketMessage(channelId, messageId, {
      name: c.type,
      title: `${c.type} (from the ${c.direction})`,
      contentType: JSON_TYPE,
      payload: {
        type: 'object',
        properties: { type: { const: c.type }, payload },
        required: payloadOptional ? ['type'] : ['type', 'payload'],
      },
    });
    if (c.direction === 'server')
      addOperation(key(channelId, messageId), {
        action: 'send',
        channel: ref('channels', channelId),
        title: c.type,
        description: c.description ?? `Sent by the gateway on ${c.path}.`,
        messages: [ref('channels', channelId, 'messages', messageId)],
      });
  }

  /** After every frame is a message, so that a client frame's replies resolve. */
  function addWsFrameOperation(c: WsFrameContract) {
    const channelId = wsChannel(c.path);
    const messageId = wsMessageId(c);
    const replies = (c.replies ?? []).map((r) => ref('channels', channelId, 'messages', wsMessageId(r)));
    addOperation(key(channelId, messageId), {
      action: 'receive',
      channel: ref('channels', channelId),
      title: c.type,
      description: c.description ?? `Served by the gateway on ${c.path}.`,
      messages: [ref('channels', channelId, 'messages', messageId)],
      ...(replies.length > 0 ? { reply: { channel: ref('channels', channelId), messages: replies } } : {}),
    });
  }
}

const wsMessageId = (c: WsFrameContract) => key(c.direction, c.type);

const errorsOf = (c: RequestContract) => c.errors.map((code) => ({ code, status: errorStatus[code] }));

function ackSchema(reply: Ref, errorBody: Ref): JsonSchema {
  return {
    oneOf: [
      {
        type: 'object',
        properties: { ok: { const: true }, data: reply },
        required: ['ok', 'data'],
      },
      {
        type: 'object',
        properties: { ok: { const: false }, error: errorBody },
        required: ['ok', 'error'],
      },
    ],
  };
}
