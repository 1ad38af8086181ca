import { io, type Socket } from 'socket.io-client';

export { eventually, received } from '../../../gateway/test/support/socket-expect.ts';

const opened: Socket[] = [];

/** A connected Socket.IO client of `namespace` on a gateway; rejects with its `connect_error`. */
export function connectSocket(baseUrl: string, namespace: string, token?: string): Promise<Socket> {
  const socket = io(`${baseUrl}${namespace}`, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function closeSockets(): void {
  for (const s of opened.splice(0)) s.close();
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

/** Emits with an acknowledgement and waits for it. */
export const call = <T = { ok: boolean; data?: unknown; error?: { code: string } }>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> => socket.timeout(10_000).emitWithAck(event, payload);
