import { io, type Socket } from 'socket.io-client';

export type { Socket as TestSocket } from 'socket.io-client';

export interface TestSocketOptions {
  /** `/` by default; `/rooms` and `/playco_ws` for the legacy protocols. */
  namespace?: string;
  /** The access token, sent as the handshake's `auth.token`. */
  token?: string;
  /** More handshake `auth` fields (the legacy `/rooms` nickname). */
  auth?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const opened = new Set<Socket>();

/** Closes every socket `connectTestSocket` opened (the kit does at the end of each file). */
export function closeTestSockets(): void {
  for (const socket of opened) socket.close();
  opened.clear();
}

/**
 * A Socket.IO client connected to a gateway; rejects with the `connect_error` when the gateway
 * refuses it. It is closed when the test file ends, if not before.
 */
export function connectTestSocket(url: string, opts: TestSocketOptions = {}): Promise<Socket> {
  const namespace = opts.namespace && opts.namespace !== '/' ? opts.namespace : '';
  const auth = { ...(opts.token ? { token: opts.token } : {}), ...opts.auth };
  const socket = io(`${url}${namespace}`, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(Object.keys(auth).length > 0 ? { auth } : {}),
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  opened.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits with an acknowledgement and resolves with its body. */
export function ask<T = { ok: boolean; data?: unknown; error?: { code: string; message: string } }>(
  socket: Socket,
  event: string,
  payload?: unknown,
): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}

/** The next `event` on `socket` that satisfies `match`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  match: (data: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (data: T) => {
      if (!match(data)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(data);
    };
    socket.on(event, listener);
  });
}
