import { io, type Socket } from 'socket.io-client';

export { eventually, pause, received } from '../../support/socket-expect.ts';

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
