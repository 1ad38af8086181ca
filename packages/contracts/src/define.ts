import type { z } from 'zod';
import type { errorStatus } from './errors.ts';

export type ErrorCode = keyof typeof errorStatus;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an operation:
 * - `user`: a signed-in caller; the gateway requires a token and the service requires the identity.
 * - `public`: anyone through the gateway (the identity is passed when present).
 * - `internal`: services only; never exposed by the gateway.
 */
export type Access = 'user' | 'public' | 'internal';

export interface HttpBinding<Input = unknown> {
  method: HttpMethod;
  /** Fastify path with `:param` segments; the params are fields of the request schema. */
  path: string;
  /** Success status; 200 by default. */
  status?: number;
  /** Per-route rate limit (per client IP, shared by gateway replicas). */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Send the reply as the body itself instead of `{data: reply}` (e.g. a JWK Set). */
  raw?: boolean;
  /**
   * Browser sessions keep the `refreshToken` field in an `HttpOnly; Secure; SameSite=Strict` cookie
   * instead of the body, when the request comes from a browser (`Origin` header). `set`: move it
   * from the reply into the cookie; `read`: also fill the request's field from the cookie when
   * absent; `clear`: fill it from the cookie and clear the cookie.
   */
  refreshCookie?: 'set' | 'read' | 'clear';
  /**
   * Optimistic concurrency: the quoted `If-Match` version (`"7"`) becomes the number `field` of the
   * request; when `required` and absent the gateway answers 428 `precondition_required`.
   */
  ifMatch?: { field: string; required: boolean };
  /** Reply field (dotted path, e.g. `version` or `playlist.version`) sent as the quoted `ETag`. */
  etag?: { field: string };
  /**
   * A token that browsers keep in an `HttpOnly; Secure; SameSite=Strict` cookie instead of the body.
   * `set`: when the request comes from a browser (it sent `Origin`), move reply `field` into the
   * cookie; `read`: when the body lacks `field`, take it from the cookie; `clear`: expire the cookie.
   */
  cookie?: { name: string; field: string; path?: string; set?: boolean; read?: boolean; clear?: boolean };
  /** One line naming the operation in the API documents. */
  summary?: string;
  /** What the operation does, for whom, and what it answers: the API documents' paragraph. */
  description?: string;
  /**
   * A request input as a client would send it (path parameters with the body or query fields);
   * the documents show it as the example, and a test checks it against the request schema.
   */
  example?: Input;
  tags?: string[];
}

export interface SocketBinding<E extends string = string> {
  /** Event name a client emits on namespace `/`, answered through its acknowledgement. */
  event: E;
}

/**
 * `H` and `E` keep a contract's HTTP binding and socket event name in its type, so typed clients
 * know which operations a route or an event reaches.
 */
export interface RequestContract<
  S extends string = string,
  Req extends z.ZodType = z.ZodType,
  Rep extends z.ZodType = z.ZodType,
  A extends Access = Access,
  H extends HttpBinding | undefined = HttpBinding | undefined,
  E extends string = string,
> {
  kind: 'request';
  subject: S;
  request: Req;
  reply: Rep;
  access: A;
  errors: readonly ErrorCode[];
  http?: H;
  socket?: SocketBinding<E>;
  /** Time the caller waits for a reply. */
  timeoutMs: number;
  description?: string;
}

export function defineRequest<
  const S extends string,
  Req extends z.ZodType,
  Rep extends z.ZodType,
  const A extends Access,
  H extends HttpBinding<z.input<Req>> | undefined = undefined,
  const E extends string = never,
>(c: {
  subject: S;
  request: Req;
  reply: Rep;
  access: A;
  errors?: readonly ErrorCode[];
  http?: A extends 'internal' ? never : H;
  socket?: A extends 'internal' ? never : SocketBinding<E>;
  timeoutMs?: number;
  description?: string;
}): RequestContract<S, Req, Rep, A, H, E> {
  return { kind: 'request', errors: [], timeoutMs: 5_000, ...c } as RequestContract<S, Req, Rep, A, H, E>;
}

export interface EventContract<S extends string = string, P extends z.ZodType = z.ZodType> {
  kind: 'event';
  subject: S;
  payload: P;
  description?: string;
}

export function defineEvent<const S extends string, P extends z.ZodType>(c: {
  subject: S;
  payload: P;
  description?: string;
}): EventContract<S, P> {
  return { kind: 'event', ...c };
}

export interface JobContract<S extends string = string, P extends z.ZodType = z.ZodType> {
  kind: 'job';
  subject: S;
  payload: P;
  /** Deliveries before the job is moved to the dead-letter stream. */
  maxDeliver: number;
  /** Time a worker has to ack (or signal progress) before the job is redelivered. */
  ackWaitMs: number;
  /** Delay before each retry; the last value repeats. */
  backoffMs: readonly number[];
  description?: string;
}

export function defineJob<const S extends string, P extends z.ZodType>(c: {
  subject: S;
  payload: P;
  maxDeliver?: number;
  ackWaitMs?: number;
  backoffMs?: readonly number[];
  description?: string;
}): JobContract<S, P> {
  return {
    kind: 'job',
    maxDeliver: 5,
    ackWaitMs: 30_000,
    backoffMs: [1_000, 5_000, 30_000, 120_000],
    ...c,
  };
}

/** An event the server emits to sockets. */
export interface SocketEventContract<
  E extends string = string,
  P extends z.ZodType = z.ZodType,
  N extends string = string,
> {
  kind: 'socket-event';
  event: E;
  namespace: N;
  payload: P;
  description?: string;
}

export function defineSocketEvent<const E extends string, P extends z.ZodType, const N extends string = '/'>(c: {
  event: E;
  payload: P;
  namespace?: N;
  description?: string;
}): SocketEventContract<E, P, N> {
  return { kind: 'socket-event', namespace: '/', ...c } as SocketEventContract<E, P, N>;
}

export type RequestOf<C> = C extends RequestContract<string, infer R> ? z.input<R> : never;
export type ParsedRequestOf<C> = C extends RequestContract<string, infer R> ? z.output<R> : never;
export type ReplyOf<C> = C extends RequestContract<string, z.ZodType, infer R> ? z.output<R> : never;
export type PayloadOf<C> = C extends
  | EventContract<string, infer P>
  | JobContract<string, infer P>
  | SocketEventContract<string, infer P>
  ? z.output<P>
  : never;

export type AnyContract =
  | RequestContract
  | EventContract
  | JobContract
  | SocketEventContract
  | ClientSocketEventContract
  | WsFrameContract;

/**
 * An event a client emits to the gateway on a Socket.IO namespace, outside the request contracts:
 * the legacy protocols' events and the events that need the socket itself (a playco session).
 * `ack` is what the acknowledgement (or the legacy reply event) carries, when the event has one.
 * On a legacy namespace the name `connect` stands for the handshake: its payload is the `auth` object.
 */
export interface ClientSocketEventContract<
  E extends string = string,
  P extends z.ZodType = z.ZodType,
  A extends z.ZodType | undefined = z.ZodType | undefined,
  N extends string = string,
> {
  kind: 'client-socket-event';
  event: E;
  namespace: N;
  payload: P;
  ack?: A;
  description?: string;
}

export function defineClientSocketEvent<
  const E extends string,
  P extends z.ZodType,
  A extends z.ZodType | undefined = undefined,
  const N extends string = '/',
>(c: { event: E; payload: P; ack?: A; namespace?: N; description?: string }): ClientSocketEventContract<E, P, A, N> {
  return { kind: 'client-socket-event', namespace: '/', ...c } as ClientSocketEventContract<E, P, A, N>;
}

/** Who sends a raw WebSocket frame: the client or the server. */
export type WsFrameDirection = 'client' | 'server';

/**
 * A JSON frame `{type, payload}` of a raw WebSocket endpoint (REWIND's `/ws`); `payload` is the
 * schema of the frame's `payload` field. A client frame names the server frames that answer it.
 */
export interface WsFrameContract<
  T extends string = string,
  P extends z.ZodType = z.ZodType,
  D extends WsFrameDirection = WsFrameDirection,
> {
  kind: 'ws-frame';
  type: T;
  direction: D;
  /** The endpoint's HTTP path. */
  path: string;
  payload: P;
  replies?: readonly WsFrameContract<string, z.ZodType, 'server'>[];
  description?: string;
}

export function defineWsFrame<const T extends string, P extends z.ZodType, const D extends WsFrameDirection>(c: {
  type: T;
  direction: D;
  payload: P;
  path?: string;
  replies?: D extends 'client' ? readonly WsFrameContract<string, z.ZodType, 'server'>[] : never;
  description?: string;
}): WsFrameContract<T, P, D> {
  return { kind: 'ws-frame', path: '/ws', ...c };
}

export type ClientPayloadOf<C> = C extends
  | ClientSocketEventContract<string, infer P>
  | WsFrameContract<string, infer P, 'client'>
  ? z.output<P>
  : never;
