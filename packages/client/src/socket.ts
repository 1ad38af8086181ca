import type { ErrorBody } from '@seed/contracts';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from './api-error.ts';
import type { ClientEvents, EmitArgs, ServerEvents } from './api-types.ts';
import type { TokenStore } from './tokens.ts';

/** The Socket.IO path of the gateway. */
export const SOCKET_PATH = '/api/v1/ws';

export interface SocketOptions {
  /** How long an event waits for its acknowledgement; 10 s by default. */
  timeoutMs?: number;
  /** Connect at once (default) or on `connect()`. */
  autoConnect?: boolean;
  /** Socket.IO transports; websocket first by default, long-polling as its fallback. */
  transports?: ('websocket' | 'polling' | 'webtransport')[];
}

type Ack = { ok: true; data: unknown } | { ok: false; error: ErrorBody };
type Handler<E extends keyof ServerEvents> = (payload: ServerEvents[E]) => void;

/**
 * Socket.IO on namespace `/` with the access token in the handshake: typed events both ways, and
 * every emit answered by its acknowledgement (`ApiError` when it says `{ok: false}`). An expired
 * token, at the handshake or on an event, refreshes the session, reconnects, and the event is sent again.
 */
export function createSocket(
  deps: { baseUrl: string; store: TokenStore; refresh(): Promise<void> },
  opts: SocketOptions = {},
) {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const socket: Socket = io(deps.baseUrl, {
    path: SOCKET_PATH,
    transports: opts.transports ?? ['websocket', 'polling'],
    autoConnect: false,
    // A connection of its own: sockets of two clients never share one signed in as the other.
    forceNew: true,
    auth: (cb) => cb({ token: deps.store.get()?.accessToken }),
  });

  let reconnecting: Promise<void> | undefined;
  let renewing: Promise<void> | undefined;

  /** A handshake refused for an expired token: refresh, then connect again with the new one. */
  function renewAndConnect(): Promise<void> {
    renewing ??= deps
      .refresh()
      .then(() => {
        socket.connect();
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  }
  socket.on('connect_error', (err: Error & { data?: ErrorBody }) => {
    if (err.data?.code === 'token_expired') renewAndConnect().catch(() => {});
  });

  /** Resolves once connected; a refused handshake rejects with its `ApiError`. */
  function connected(): Promise<void> {
    if (socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = () => {
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
      };
      const onConnect = () => {
        settle();
        resolve();
      };
      const onError = (err: Error & { data?: ErrorBody }) => {
        // A transport failure is retried by Socket.IO itself; an expired token is renewed.
        if (!err.data) return;
        if (err.data.code === 'token_expired')
          return void renewAndConnect().catch((refreshErr: unknown) => {
            settle();
            reject(refreshErr);
          });
        settle();
        reject(new ApiError(401, err.data));
      };
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
      if (!socket.active) socket.connect();
    });
  }

  /** An event refused for an expired token: refresh, reconnect with the new token (once for concurrent callers). */
  function reconnectFresh(): Promise<void> {
    reconnecting ??= (async () => {
      try {
        await deps.refresh();
        socket.disconnect();
        await connected();
      } finally {
        reconnecting = undefined;
      }
    })();
    return reconnecting;
  }

  async function emitOnce(event: string, input: unknown, ms: number): Promise<Ack> {
    if (reconnecting) await reconnecting;
    return (await socket.timeout(ms).emitWithAck(event, input ?? {})) as Ack;
  }

  async function emit<E extends keyof ClientEvents & string>(
    event: E,
    ...args: EmitArgs<E>
  ): Promise<ClientEvents[E]['reply']> {
    const [input, options] = args;
    const ms = options?.timeoutMs ?? timeoutMs;
    let ack = await emitOnce(event, input, ms);
    if (!ack.ok && ack.error.code === 'token_expired') {
      await reconnectFresh();
      ack = await emitOnce(event, input, ms);
    }
    if (!ack.ok) throw new ApiError(0, ack.error);
    return ack.data as ClientEvents[E]['reply'];
  }

  if (opts.autoConnect !== false) socket.connect();

  return {
    /** The Socket.IO socket itself, for connection events and options this wrapper does not cover. */
    raw: socket,
    connected,
    emit,
    on<E extends keyof ServerEvents & string>(event: E, handler: Handler<E>) {
      socket.on(event as string, handler as (payload: unknown) => void);
      return () => socket.off(event as string, handler as (payload: unknown) => void);
    },
    off<E extends keyof ServerEvents & string>(event: E, handler?: Handler<E>) {
      socket.off(event as string, handler as ((payload: unknown) => void) | undefined);
    },
    close() {
      socket.disconnect();
    },
  };
}

export type SeedSocket = ReturnType<typeof createSocket>;
