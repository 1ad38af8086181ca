import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { clientMessages } from './async-api.ts';
import { type JsonSchema, resolve } from './json-schema.ts';
import { payloadCases } from './payload-cases.ts';
import type { Prng } from './prng.ts';
import type { FuzzOutcome } from './verdict.ts';

interface Frame {
  type: string;
  payload?: { code?: string; reason?: string };
}

/** Frames always answered (`ok` or `error`); `load` may answer nothing when there is nothing to load. */
const ANSWERED = new Set(['auth', 'chat', 'mutual_users']);

interface Connection {
  ws: WebSocket;
  frames: Frame[];
  beatAt: number;
  closeCode?: number;
}

/** The close code of a frame over the endpoint's size limit: the protocol's answer, not a fault. */
const MESSAGE_TOO_BIG = 1009;

async function open(baseUrl: string, token: string): Promise<Connection> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'heartbeat', payload: 1 }));
  ws.send(JSON.stringify({ type: 'auth', payload: { auth: token } }));
  const until = Date.now() + 5_000;
  while (!frames.some((f) => f.type === 'auth') && Date.now() < until) await sleep(20);
  const conn: Connection = { ws, frames, beatAt: Date.now() };
  ws.on('close', (code) => {
    conn.closeCode = code;
  });
  return conn;
}

/** REWIND's `/ws` client frames with bad payloads, one at a time, each waiting for its answer. */
export async function fuzzRawWebSocket(opts: {
  baseUrl: string;
  token: string;
  asyncapi: JsonSchema;
  prng: Prng;
  perEvent: number;
  only?: string;
}): Promise<FuzzOutcome[]> {
  const outcomes: FuzzOutcome[] = [];
  let fences = 0;
  let conn = await open(opts.baseUrl, opts.token);
  for (const message of clientMessages(opts.asyncapi, 'raw.ws')) {
    if (message.name === 'heartbeat') continue;
    const payloadSchema =
      (resolve(message.payload, opts.asyncapi).properties as Record<string, JsonSchema>)?.payload ?? {};
    for (const c of payloadCases(payloadSchema, opts.asyncapi, { prng: opts.prng, perEvent: opts.perEvent })) {
      const id = `/ws ${message.name}#${c.variant}`;
      if (opts.only && !id.includes(opts.only)) continue;
      if (conn.ws.readyState !== WebSocket.OPEN) conn = await open(opts.baseUrl, opts.token);
      const from = conn.frames.length;
      const fence = `fence-${++fences}`;
      conn.ws.send(JSON.stringify(c.none ? { type: message.name } : { type: message.name, payload: c.payload }));
      // Frames are served in order: the fence's answer (unknown_event naming it) comes after this case's.
      conn.ws.send(JSON.stringify({ type: fence }));
      const isFence = (f: Frame) => f.type === 'error' && (f.payload?.reason ?? '').includes(`"${fence}"`);
      const until = Date.now() + 10_000;
      const fenced = () => conn.frames.slice(from).some(isFence);
      while (!fenced() && Date.now() < until && conn.ws.readyState === WebSocket.OPEN) await sleep(10);
      if (Date.now() - conn.beatAt > 20_000) {
        conn.ws.send(JSON.stringify({ type: 'heartbeat', payload: 'beat' }));
        conn.beatAt = Date.now();
      }
      const answers = conn.frames.slice(from).filter((f) => f.type !== 'heartbeat' && !isFence(f));
      const internal = answers.find((f) => f.type === 'error' && f.payload?.code === 'internal');
      const answer = answers.map((f) => (f.type === 'error' ? String(f.payload?.code) : f.type)).join('+') || 'nothing';
      const closingBy = Date.now() + 2_000;
      while (conn.ws.readyState !== WebSocket.OPEN && conn.closeCode === undefined && Date.now() < closingBy)
        await sleep(10);
      if (conn.ws.readyState !== WebSocket.OPEN && conn.closeCode === MESSAGE_TOO_BIG)
        outcomes.push({ id, answer: 'closed 1009 (frame too big)' });
      else if (conn.ws.readyState !== WebSocket.OPEN)
        outcomes.push({ id, answer: `closed ${conn.closeCode ?? ''}`, finding: 'connection broken' });
      else if (!fenced()) outcomes.push({ id, answer: 'no answer', finding: 'hang' });
      else if (internal) outcomes.push({ id, answer, finding: 'server error' });
      else if (ANSWERED.has(message.name) && answers.length === 0) outcomes.push({ id, answer, finding: 'hang' });
      else outcomes.push({ id, answer });
    }
  }
  conn.ws.close();
  return outcomes;
}
