import { io, type Socket } from 'socket.io-client';

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

/** Everything `socket` receives as `event` from now on. */
export function received<T = unknown>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (data: T) => got.push(data));
  return got;
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

/** Polls `check` until it holds (or times out with its last failure). */
export async function eventually(check: () => unknown | Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Emits with an acknowledgement and waits for it. */
export const call = <T = { ok: boolean; data?: unknown; error?: { code: string } }>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> => socket.timeout(10_000).emitWithAck(event, payload);
