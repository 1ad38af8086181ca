// A receiving-only Socket.IO client that speaks the protocol's text framing over `ws` directly
// (Engine.IO v4 open/ping/message packets, Socket.IO v5 connect/event/ack packets on `/`).
// socket.io-client costs about 30 µs per received event here, which at 20,000 deliveries per second
// would make the load generator, not the server, the thing being measured.
import WebSocket from 'ws';

type Listener = (data: unknown) => void;

export interface LeanSocket {
  on(event: string, listener: Listener): void;
  /** Emits with an acknowledgement and resolves with the acknowledgement's first argument. */
  ask(event: string, payload: unknown): Promise<unknown>;
  close(): void;
}

export function connectLean(url: string, token?: string): Promise<LeanSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws/?EIO=4&transport=websocket`);
  const listeners = new Map<string, Listener>();
  const acks = new Map<number, (data: unknown) => void>();
  let nextAck = 0;
  const socket: LeanSocket = {
    on: (event, listener) => void listeners.set(event, listener),
    ask(event, payload) {
      const id = nextAck++;
      return new Promise((resolve) => {
        acks.set(id, resolve);
        ws.send(`42${id}${JSON.stringify([event, payload])}`);
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const text = raw.toString();
      switch (text[0]) {
        case '0': // Engine.IO open: connect to the main namespace
          return ws.send(token ? `40${JSON.stringify({ token })}` : '40');
        case '2': // ping
          return ws.send('3');
        case '4':
          return onPacket(text);
      }
    });
    function onPacket(text: string) {
      switch (text[1]) {
        case '0':
          return resolve(socket);
        case '4':
          ws.close();
          return reject(new Error(`connect_error ${text.slice(2)}`));
        case '2': {
          const [event, data] = JSON.parse(text.slice(2)) as [string, unknown];
          return listeners.get(event)?.(data);
        }
        case '3': {
          const bracket = text.indexOf('[');
          const id = Number(text.slice(2, bracket));
          const [data] = JSON.parse(text.slice(bracket)) as [unknown];
          acks.get(id)?.(data);
          return void acks.delete(id);
        }
      }
    }
  });
}
