import { randomUUID } from 'node:crypto';
import type { RequestContract } from '@seed/contracts';
import {
  AppError,
  isAppError,
  type Logger,
  type NatsConnection,
  type RequestContext,
  request,
  runInContext,
  toErrorBody,
} from '@seed/runtime';
import type { GatewaySocket } from './socket-data.ts';
import { type AckBody, errorEvent, isReservedEvent } from './socket-requests.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

export interface EventRateLimit {
  /** Events a socket may send at once. */
  burst: number;
  /** Events per second a socket may send on average. */
  perSecond: number;
}

type Ack = (body: AckBody) => void;

/**
 * Answers every event a client emits on `/`: a contract's event is forwarded to its service over
 * NATS with the caller's identity and answered through the acknowledgement; anything else is
 * refused with a typed error. Errors of an event sent without an acknowledgement are emitted as an
 * `error` event. Bad input never closes the socket. One dispatcher serves every socket: a socket
 * costs one middleware entry, and a rate-limit bucket only once it sends something.
 */
export function createSocketDispatcher(deps: {
  nc: NatsConnection;
  contracts: Map<string, RequestContract>;
  rateLimit: EventRateLimit;
  logger: Logger;
}) {
  const buckets = new WeakMap<GatewaySocket, TokenBucket>();

  function bucketOf(socket: GatewaySocket): TokenBucket {
    let bucket = buckets.get(socket);
    if (!bucket) {
      bucket = createTokenBucket({ capacity: deps.rateLimit.burst, refillPerSecond: deps.rateLimit.perSecond });
      buckets.set(socket, bucket);
    }
    return bucket;
  }

  function dispatch(socket: GatewaySocket, packet: unknown[], next: (err?: Error) => void) {
    const [event, ...args] = packet as [unknown, ...unknown[]];
    const name = typeof event === 'string' ? event.slice(0, 200) : '';
    const contract = deps.contracts.get(name);
    // Events a module listens to on this socket pass through untouched.
    if (!contract && !isReservedEvent(name) && socket.listeners(name).length > 0) return next();
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
    void answer(socket, name, contract, args[0], ack);
  }

  async function answer(
    socket: GatewaySocket,
    event: string,
    contract: RequestContract | undefined,
    payload: unknown,
    ack?: Ack,
  ) {
    try {
      const data = await run(socket, event, contract, payload);
      ack?.({ ok: true, data });
    } catch (err) {
      const error = toErrorBody(err);
      if (ack) ack({ ok: false, error });
      else socket.emit(errorEvent, { ...error, event });
    }
  }

  async function run(
    socket: GatewaySocket,
    event: string,
    contract: RequestContract | undefined,
    payload: unknown,
  ): Promise<unknown> {
    const bucket = bucketOf(socket);
    if (!bucket.take()) throw new AppError('rate_limited', 'too many events', { retryAfterMs: bucket.retryAfterMs() });
    if (!contract) throw new AppError('unknown_event', `unknown event "${event}"`);
    const expiresAt = socket.data.tokenExpiresAt;
    if (expiresAt !== undefined && Date.now() >= expiresAt)
      throw new AppError('token_expired', 'access token expired: reconnect with a fresh one');
    const userAgent = socket.handshake.headers['user-agent'];
    const context: RequestContext = {
      requestId: randomUUID(),
      caller: socket.data.caller,
      clientIp: socket.handshake.address,
      ...(userAgent ? { userAgent } : {}),
    };
    return runInContext(context, async () => {
      try {
        return await request(deps.nc, contract, payload ?? {}, { context });
      } catch (err) {
        if (!isAppError(err)) deps.logger.error({ err, event, subject: contract.subject }, 'socket event failed');
        throw err;
      }
    });
  }

  return {
    /** Starts answering `socket`'s events. */
    serve(socket: GatewaySocket): void {
      socket.use((packet, next) => dispatch(socket, packet, next));
    },
  };
}

export type SocketDispatcher = ReturnType<typeof createSocketDispatcher>;
