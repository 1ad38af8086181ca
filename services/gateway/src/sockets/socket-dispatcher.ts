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
import { createTokenBucket } from './token-bucket.ts';

export interface EventRateLimit {
  /** Events a socket may send at once. */
  burst: number;
  /** Events per second a socket may send on average. */
  perSecond: number;
}

type Ack = (body: AckBody) => void;

/**
 * Answers every event a client emits on one socket: a contract's event is forwarded to its
 * service over NATS with the caller's identity and answered through the acknowledgement; anything
 * else is refused with a typed error. Errors of an event sent without an acknowledgement are
 * emitted as an `error` event. Bad input never closes the socket.
 */
export function dispatchSocketEvents(
  socket: GatewaySocket,
  deps: { nc: NatsConnection; contracts: Map<string, RequestContract>; rateLimit: EventRateLimit; logger: Logger },
): void {
  const bucket = createTokenBucket({ capacity: deps.rateLimit.burst, refillPerSecond: deps.rateLimit.perSecond });

  socket.use((packet, next) => {
    const [event, ...args] = packet as [unknown, ...unknown[]];
    const name = typeof event === 'string' ? event.slice(0, 200) : '';
    const contract = deps.contracts.get(name);
    // Events the gateway itself listens to on this socket (none today) pass through untouched.
    if (!contract && !isReservedEvent(name) && socket.listeners(name).length > 0) return next();
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
    void answer(name, contract, args[0], ack);
  });

  async function answer(event: string, contract: RequestContract | undefined, payload: unknown, ack?: Ack) {
    try {
      const data = await run(event, contract, payload);
      ack?.({ ok: true, data });
    } catch (err) {
      const error = toErrorBody(err);
      if (ack) ack({ ok: false, error });
      else socket.emit(errorEvent, { ...error, event });
    }
  }

  async function run(event: string, contract: RequestContract | undefined, payload: unknown): Promise<unknown> {
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
}
