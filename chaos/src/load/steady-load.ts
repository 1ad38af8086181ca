import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type Account, newPhone } from '../world/accounts.ts';
import { type Attempt, call, failureOf, HANG_MS } from './outcome.ts';

/** Requests per second of each kind. */
export interface LoadRates {
  httpMessages: number;
  socketMessages: number;
  phoneCodes: number;
  profileReads: number;
  publicReads: number;
  playlistReads: number;
}

export const DEFAULT_RATES: LoadRates = {
  httpMessages: 6,
  socketMessages: 4,
  phoneCodes: 2,
  profileReads: 4,
  publicReads: 3,
  playlistReads: 3,
};

/** A message or SMS request the load sent, and whether its sender was told it succeeded. */
export interface Sent {
  key: string;
  acked: boolean;
}

export interface SteadyLoad {
  attempts: Attempt[];
  messages: Sent[];
  codes: Sent[];
  /** Sends `count` requests of `kind` at once, counted with the rest; resolves when all ended. */
  fire(kind: keyof LoadRates, count: number): Promise<void>;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

const MAX_IN_FLIGHT = 200;

/**
 * Steady traffic of every kind at fixed rates (open loop: a slow answer never slows the sending),
 * two users chatting in a direct room over HTTP and a socket, SMS codes, reads signed in and
 * public; every answer is kept.
 */
export function startSteadyLoad(opts: {
  baseUrl: string;
  a: Account;
  b: Account;
  roomId: string;
  rates: LoadRates;
}): SteadyLoad {
  const { baseUrl, a, b, roomId } = opts;
  const attempts: Attempt[] = [];
  const messages: Sent[] = [];
  const codes: Sent[] = [];
  const inFlight = new Set<Promise<void>>();
  const socket: Socket = io(baseUrl, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    auth: { token: a.accessToken },
    reconnectionDelay: 250,
    reconnectionDelayMax: 1_000,
  });

  async function attempt(kind: string, run: () => Promise<string>, okOutcomes: (o: string) => boolean) {
    const at = Date.now();
    let outcome: string;
    try {
      outcome = await run();
    } catch (err) {
      outcome = failureOf(err);
    }
    attempts.push({ kind, at, ms: Date.now() - at, outcome, ok: okOutcomes(outcome) });
  }
  const http2xx = (o: string) => /^2\d\d$/.test(o);

  const operations: Record<keyof LoadRates, () => Promise<void>> = {
    httpMessages: () => {
      const sent = { key: `h-${randomUUID()}`, acked: false };
      messages.push(sent);
      const from = messages.length % 2 ? a : b;
      return attempt(
        'message (HTTP)',
        async () => {
          const res = await call(baseUrl, 'POST', `/api/v1/chat/rooms/${roomId}/messages`, {
            token: from.accessToken,
            body: { clientMsgId: sent.key, text: `chaos ${sent.key}` },
          });
          sent.acked = res.status === 201;
          return String(res.status);
        },
        http2xx,
      );
    },
    socketMessages: () => {
      const sent = { key: `s-${randomUUID()}`, acked: false };
      return attempt(
        'message (socket)',
        async () => {
          if (!socket.connected) return 'socket disconnected';
          messages.push(sent);
          const ack = (await socket
            .timeout(HANG_MS)
            .emitWithAck('chat:message:send', { roomId, clientMsgId: sent.key, text: `chaos ${sent.key}` })) as
            | { ok: true }
            | { ok: false; error: { code: string } };
          sent.acked = ack.ok;
          return ack.ok ? 'ok' : ack.error.code;
        },
        (o) => o === 'ok',
      );
    },
    phoneCodes: () => {
      const sent = { key: newPhone(), acked: false };
      codes.push(sent);
      return attempt(
        'SMS code',
        async () => {
          const res = await call(baseUrl, 'POST', '/api/v1/auth/phone/codes', {
            body: { phone: sent.key, purpose: 'signup' },
          });
          sent.acked = res.status === 201;
          return String(res.status);
        },
        http2xx,
      );
    },
    profileReads: () =>
      attempt(
        'profile',
        async () => String((await call(baseUrl, 'GET', '/api/v1/users/me', { token: b.accessToken })).status),
        http2xx,
      ),
    publicReads: () =>
      attempt(
        'JWKS (public)',
        async () => String((await call(baseUrl, 'GET', '/.well-known/jwks.json')).status),
        http2xx,
      ),
    playlistReads: () =>
      attempt(
        'playlists',
        async () => String((await call(baseUrl, 'GET', '/api/v1/playco/playlists', { token: a.accessToken })).status),
        http2xx,
      ),
  };

  const timers = Object.entries(opts.rates)
    .filter(([, rate]) => rate > 0)
    .map(([kind, rate]) =>
      setInterval(() => {
        if (inFlight.size >= MAX_IN_FLIGHT) return;
        const run = operations[kind as keyof LoadRates]().finally(() => inFlight.delete(run));
        inFlight.add(run);
      }, 1_000 / rate),
    );

  return {
    attempts,
    messages,
    codes,
    async fire(kind, count) {
      await Promise.all(Array.from({ length: count }, () => operations[kind]()));
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight);
      socket.close();
    },
  };
}
