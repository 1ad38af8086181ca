import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { call } from '../load/outcome.ts';
import { clientMessages } from './async-api.ts';
import type { JsonSchema } from './json-schema.ts';
import { type PayloadCase, payloadCases } from './payload-cases.ts';
import type { Prng } from './prng.ts';
import type { FuzzOutcome } from './verdict.ts';
import { fuzzRawWebSocket } from './ws-fuzz.ts';

const ACK_MS = 5_000;
/** Below the gateway's per-socket event rates (20/s on `/`, 10/s on `/playco_ws`), so answers are about the payload. */
const PACE_MS = 110;

function connect(baseUrl: string, namespace: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(`${baseUrl}${namespace}`, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    auth,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`${namespace}: ${err.message}`)));
  });
}

/** What an acknowledgement says, judged by `failed` (the namespace's form of an internal error). */
async function emitCase(
  socket: Socket,
  id: string,
  event: string,
  c: PayloadCase,
  judge: (ack: unknown) => { answer: string; internal: boolean },
): Promise<FuzzOutcome> {
  if (!socket.connected) return { id, answer: 'disconnected', finding: 'connection broken' };
  try {
    const timed = socket.timeout(ACK_MS);
    const ack = c.none ? await timed.emitWithAck(event) : await timed.emitWithAck(event, c.payload);
    const { answer, internal } = judge(ack);
    return internal ? { id, answer, finding: 'server error' } : { id, answer };
  } catch {
    return { id, answer: 'no acknowledgement', finding: 'hang' };
  } finally {
    await sleep(PACE_MS);
  }
}

const newApiAck = (ack: unknown) => {
  const a = ack as { ok?: boolean; error?: { code?: string } };
  const answer = a?.ok ? 'ok' : String(a?.error?.code ?? 'malformed acknowledgement');
  return { answer, internal: answer === 'internal' || answer === 'malformed acknowledgement' };
};
const roomsAck = (ack: unknown) => {
  const a = ack as { ok?: boolean; error?: { code?: string } };
  const answer = a?.ok ? 'ok' : String(a?.error?.code ?? 'malformed acknowledgement');
  return { answer, internal: answer === 'BACKEND_DOWN' || answer === 'malformed acknowledgement' };
};
const playcoAck = (ack: unknown) => {
  const a = ack as { code?: number; subCode?: string };
  const answer = String(a?.subCode ?? 'malformed acknowledgement');
  return { answer, internal: answer === 'SERVER_ERROR' || (a?.code ?? 500) >= 500 };
};

async function fuzzNamespace(opts: {
  socket: Socket;
  namespace: string;
  asyncapi: JsonSchema;
  channel: string;
  prng: Prng;
  perEvent: number;
  only?: string;
  base?: Record<string, unknown>;
  judge: typeof newApiAck;
  /** Before each event's cases (e.g. to open the session a bad case may have ended). */
  before?: () => Promise<unknown>;
}): Promise<FuzzOutcome[]> {
  const outcomes: FuzzOutcome[] = [];
  for (const message of clientMessages(opts.asyncapi, opts.channel)) {
    if (message.name === 'connect') continue;
    await opts.before?.();
    for (const c of payloadCases(message.payload, opts.asyncapi, {
      prng: opts.prng,
      perEvent: opts.perEvent,
      ...(opts.base ? { base: opts.base } : {}),
    })) {
      const id = `${opts.namespace} ${message.name}#${c.variant}`;
      if (opts.only && !id.includes(opts.only)) continue;
      outcomes.push(await emitCase(opts.socket, id, message.name, c, opts.judge));
    }
  }
  return outcomes;
}

/** The Socket.IO namespaces (`/`, `/rooms`, `/playco_ws`) and the raw `/ws`, from the AsyncAPI document. */
export async function fuzzSockets(opts: {
  baseUrl: string;
  token: string;
  prng: Prng;
  perEvent: number;
  only?: string;
}): Promise<FuzzOutcome[]> {
  const asyncapi = (await (await fetch(`${opts.baseUrl}/docs/asyncapi.json`)).json()) as JsonSchema;
  const common = { asyncapi, prng: opts.prng, perEvent: opts.perEvent, ...(opts.only ? { only: opts.only } : {}) };
  const outcomes: FuzzOutcome[] = [];

  const root = await connect(opts.baseUrl, '/', { token: opts.token });
  outcomes.push(
    ...(await fuzzNamespace({ ...common, socket: root, namespace: '/', channel: 'socket.root', judge: newApiAck })),
  );
  const unknownEvent = await emitCase(
    root,
    '/ unknown event',
    'fuzz:no:such',
    { variant: 'x', payload: {} },
    newApiAck,
  );
  outcomes.push(unknownEvent);
  root.close();

  const rooms = await connect(opts.baseUrl, '/rooms', { token: opts.token, nickname: 'fuzz' });
  outcomes.push(
    ...(await fuzzNamespace({
      ...common,
      socket: rooms,
      namespace: '/rooms',
      channel: 'socket.rooms',
      judge: roomsAck,
    })),
  );
  outcomes.push(await emitCase(rooms, '/rooms unknown event', 'dance', { variant: 'x', payload: {} }, roomsAck));
  rooms.close();

  const playco = await connect(opts.baseUrl, '/playco_ws', {});
  const csrf = 'fuzz-csrf-token';
  const issued = await call(opts.baseUrl, 'POST', '/api/v1/playco/socketio/auth', {
    token: opts.token,
    body: { sid: playco.id, sio_csrf_token: csrf },
  });
  const sioToken = (issued.body as { data?: { sio_token?: { token?: string } } })?.data?.sio_token?.token ?? 'none';
  const base = { sio_token: sioToken, sio_csrf_token: csrf };
  const openSession = () =>
    playco
      .timeout(ACK_MS)
      .emitWithAck('playcoConnect', { ...base, request_id: 'connect' })
      .catch(() => undefined);
  outcomes.push(
    ...(await fuzzNamespace({
      ...common,
      socket: playco,
      namespace: '/playco_ws',
      channel: 'socket.playco_ws',
      base,
      judge: playcoAck,
      before: openSession,
    })),
  );
  outcomes.push(
    await emitCase(
      playco,
      '/playco_ws unknown event',
      'dance',
      { variant: 'x', payload: { request_id: 1 } },
      playcoAck,
    ),
  );
  playco.close();

  outcomes.push(...(await fuzzRawWebSocket({ ...common, baseUrl: opts.baseUrl, token: opts.token })));
  return outcomes;
}
