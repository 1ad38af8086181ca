import { randomUUID } from 'node:crypto';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { REWIND_PATHS, RewindFrame, sessionRevoked } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import { type WebSocket, WebSocketServer } from 'ws';
import type { TokenVerifier } from '../../auth/index.ts';
import type { DomainEvents } from '../../events/index.ts';
import type { PresenceRecorder } from '../../sockets/index.ts';
import { createRewindConnections } from './rewind-connections.ts';
import { showChatOnRewind } from './rewind-events.ts';
import { errorFrame, type Frame } from './rewind-frames.ts';
import { createRewindSession } from './rewind-session.ts';

export { legacyRewindRoutes } from './rewind-http.routes.ts';
/** Close code of a connection whose heartbeat did not come in time (or did not come first). */
export const HEARTBEAT_CLOSE_CODE = 4003;
/** Close code of a connection whose session was signed out (logout, reset, revoked). */
export const SESSION_REVOKED_CLOSE_CODE = 4001;
const MAX_PENDING_FRAMES = 100;

export interface LegacyRewindOptions {
  /** The longest a client may wait between heartbeats (the original protocol: 40 s)… */
  heartbeatIntervalMs?: number;
  /** …plus this grace (the original protocol: 5 s). */
  heartbeatGraceMs?: number;
  maxPayloadBytes?: number;
}

export interface LegacyRewindDeps extends LegacyRewindOptions {
  server: HttpServer;
  nc: NatsConnection;
  verifier: TokenVerifier;
  logger: Logger;
  /** Where chat's events reach this replica. */
  events: DomainEvents;
  /** Signed-in connections count as their users online, as sockets do. */
  presence?: PresenceRecorder;
}

function parseFrame(data: Buffer): Frame | string {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return 'the frame is not JSON';
  }
  const frame = RewindFrame.safeParse(value);
  return frame.success ? { type: frame.data.type, payload: frame.data.payload } : 'a frame is {type, payload}';
}

/**
 * REWIND's legacy raw WebSocket protocol (SPEC §4) at `/ws` and `/legacy/rewind/ws` on the gateway's HTTP server, beside
 * Socket.IO: JSON `{type, payload}` frames, a heartbeat first and then at least every 40 + 5 s.
 */
export function attachLegacyRewind(deps: LegacyRewindDeps) {
  const logger = deps.logger.child({ component: 'legacy-rewind' });
  const timeoutMs = (deps.heartbeatIntervalMs ?? 40_000) + (deps.heartbeatGraceMs ?? 5_000);
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxPayloadBytes ?? 64 * 1024 });
  const connections = createRewindConnections(deps.presence);
  showChatOnRewind({ events: deps.events, connections });
  const subscriptions = [
    // Every replica: a session's connections may sit on any of them.
    subscribeEvent(
      deps.nc,
      sessionRevoked,
      ({ sessionId }) => connections.endSession(sessionId, SESSION_REVOKED_CLOSE_CODE, 'session revoked'),
      { logger },
    ),
  ];
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!REWIND_PATHS.includes(new URL(req.url ?? '/', 'http://x').pathname)) return;
    if (closing) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  deps.server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    const peer = {
      id: `ws-${randomUUID()}`,
      send(frame: Frame) {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      },
      end: (code: number, reason: string) => ws.close(code, reason),
    };
    const session = createRewindSession(peer, { nc: deps.nc, verifier: deps.verifier, connections, logger });
    let beating = false;
    // Frames are handled one after another, so a client's sends keep their order.
    let queue: Promise<void> = Promise.resolve();
    let pending = 0;
    const enqueue = (work: () => Promise<void> | void) => {
      if (pending >= MAX_PENDING_FRAMES)
        return peer.send(errorFrame('rate_limited', 'too many frames waiting: slow down'));
      pending++;
      queue = queue.then(work).finally(() => pending--);
    };
    let timer: NodeJS.Timeout;
    const expire = () => ws.close(HEARTBEAT_CLOSE_CODE, 'heartbeat timeout');
    const rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(expire, timeoutMs);
    };
    rearm();

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = isBinary ? 'frames are JSON text' : parseFrame(data);
      if (typeof frame === 'string') return enqueue(() => peer.send(errorFrame('validation_failed', frame)));
      if (frame.type === 'heartbeat') {
        beating = true;
        rearm();
        return peer.send({ type: 'heartbeat', payload: frame.payload ?? null });
      }
      if (!beating) {
        peer.send(errorFrame('heartbeat_required', 'the first frame must be a heartbeat'));
        return ws.close(HEARTBEAT_CLOSE_CODE, 'heartbeat required');
      }
      enqueue(() => session.handle(frame));
    });
    ws.on('error', (err) => logger.debug({ err: err.message }, 'raw websocket error'));
    ws.on('close', () => {
      clearTimeout(timer);
      session.close();
    });
  });

  return {
    get connectedUsers() {
      return connections.size;
    },
    async close() {
      closing = true;
      deps.server.off('upgrade', onUpgrade);
      await Promise.allSettled(subscriptions.map((s) => s.drain()));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type LegacyRewind = ReturnType<typeof attachLegacyRewind>;
