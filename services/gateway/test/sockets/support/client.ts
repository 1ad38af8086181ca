import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket;

const opened: Socket[] = [];

/** A connected client on `url`; rejects with the `connect_error` when the gateway refuses it. */
export function connectClient(
  url: string,
  handshake: { token?: string; headers?: Record<string, string> } = {},
): Promise<Socket> {
  const socket = io(url, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(handshake.token ? { auth: { token: handshake.token } } : {}),
    ...(handshake.headers ? { extraHeaders: handshake.headers } : {}),
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

export function closeClients(): void {
  for (const s of opened.splice(0)) s.close();
}

/** Everything `socket` receives as `event` from now on. */
export function received<T = unknown>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (data: T) => got.push(data));
  return got;
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

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
