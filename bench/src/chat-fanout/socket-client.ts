import { io, type Socket } from 'socket.io-client';

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string };
}

/** One Socket.IO client on the product's socket path; `token` authenticates it on a gateway. */
export function connectSocket(url: string, token?: string, onCreated?: (socket: Socket) => void): Promise<Socket> {
  const socket = io(url, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  });
  onCreated?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emits an event with an acknowledgement and answers its data, throwing on an error answer. */
export async function ask<T>(socket: Socket, name: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(30_000).emitWithAck(name, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${name}: ${ack.error?.code}`);
  return ack.data as T;
}
