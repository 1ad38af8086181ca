import { AsyncLocalStorage } from 'node:async_hooks';

export interface Caller {
  userId: string;
  sessionId: string;
}

/** What travels with one request across processes (NATS headers) and through async calls. */
export interface RequestContext {
  requestId: string;
  caller?: Caller;
  /** The end client's address and agent as the gateway saw them (for per-IP limits, sessions). */
  clientIp?: string;
  userAgent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => storage.getStore();
export const runInContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);
