import type * as contracts from '@seed/contracts';
import type { z } from 'zod';

// The client's types, computed from the contracts package's exports: every request contract with
// an HTTP binding becomes a method, every socket binding an event, so nothing here names a route.

type Exported = (typeof contracts)[keyof typeof contracts];
type ClientReachable = Extract<Exported, { kind: 'request'; access: 'user' | 'public' }>;

type HttpOf<C> = C extends { http?: infer H } ? NonNullable<H> : never;
type SocketEventOf<C> = C extends { socket?: infer B }
  ? NonNullable<B> extends { event: infer E }
    ? E
    : never
  : never;

/** Every operation a client reaches over HTTP. */
export type HttpContract = ClientReachable extends infer C
  ? C extends unknown
    ? [HttpOf<C>] extends [never]
      ? never
      : C
    : never
  : never;

export type InputOf<C> = C extends { request: infer R extends z.ZodType } ? z.input<R> : never;
export type ReplyOf<C> = C extends { reply: infer R extends z.ZodType } ? z.output<R> : never;

export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Input first, optional when every field is. */
type Args<I> = {} extends I ? [input?: I, options?: CallOptions] : [input: I, options?: CallOptions];

/** The item of a `{data: [...], nextCursor}` page; never for other replies. */
export type PageItemOf<R> = R extends { data: (infer T)[]; nextCursor: string | null } ? T : never;

/** Pages and items of a cursor-paged list, fetched as the iteration goes. */
export interface Paging<I, R> {
  pages(...args: Args<I>): AsyncIterableIterator<R>;
  each(...args: Args<I>): AsyncIterableIterator<PageItemOf<R>>;
}

export type Method<C> = ((...args: Args<InputOf<C>>) => Promise<ReplyOf<C>>) &
  ([PageItemOf<ReplyOf<C>>] extends [never] ? unknown : Paging<InputOf<C>, ReplyOf<C>>);

type Parts<S> = S extends `${infer D}.${infer E}.${infer V}` ? { domain: D; entity: E; verb: V } : never;
type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type SubjectOf<C> = C extends { subject: infer S extends string } ? S : never;
type Domain = Parts<SubjectOf<HttpContract>>['domain'];
type InDomain<D extends string> = Extract<HttpContract, { subject: `${D}.${string}` }>;
type InEntity<D extends string, E extends string> = Extract<HttpContract, { subject: `${D}.${E}.${string}` }>;

/**
 * One method per HTTP operation, grouped as its NATS subject reads: `auth.session.create` is
 * `client.auth.session.create(input)`, `chat.friend_request.send` `client.chat.friendRequest.send`.
 */
export type HttpApi = {
  [D in Domain]: {
    [E in Parts<SubjectOf<InDomain<D>>>['entity'] as CamelCase<E>]: {
      [C in InEntity<D, E> as CamelCase<Parts<SubjectOf<C>>['verb']>]: Method<C>;
    };
  };
};

/** Domains that take uploads, with the purposes each accepts. */
export type UploadPurposes = {
  [C in Extract<HttpContract, { subject: `${string}.upload.create` }> as Parts<
    SubjectOf<C>
  >['domain']]: InputOf<C> extends {
    purpose: infer P;
  }
    ? P
    : never;
};
export type UploadDomain = keyof UploadPurposes;
export type UploadView = ReplyOf<Extract<HttpContract, { subject: `${string}.upload.complete` }>>;

type SocketRequest = ClientReachable extends infer C
  ? C extends unknown
    ? [SocketEventOf<C>] extends [never]
      ? never
      : C
    : never
  : never;
type RootClientEvent = Extract<Exported, { kind: 'client-socket-event'; namespace: '/' }>;
type AckData<A> = [A] extends [z.ZodType]
  ? Extract<z.output<A>, { ok: true }> extends { data: infer D }
    ? D
    : undefined
  : undefined;

/** Events a client emits on namespace `/`: what each takes and what its acknowledgement answers. */
export type ClientEvents = {
  [C in SocketRequest as SocketEventOf<C>]: { input: InputOf<C>; reply: ReplyOf<C> };
} & {
  [C in RootClientEvent as C['event']]: { input: z.input<C['payload']>; reply: AckData<NonNullable<C['ack']>> };
};

/** Events the server emits on namespace `/`, with their payloads. */
export type ServerEvents = {
  [C in Extract<Exported, { kind: 'socket-event'; namespace: '/' }> as C['event']]: z.output<C['payload']>;
};

export type EmitArgs<E extends keyof ClientEvents> = {} extends ClientEvents[E]['input']
  ? [input?: ClientEvents[E]['input'], options?: { timeoutMs?: number }]
  : [input: ClientEvents[E]['input'], options?: { timeoutMs?: number }];
