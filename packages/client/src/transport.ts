import { errorFromBody } from './api-error.ts';
import type { CallOptions } from './api-types.ts';
import type { HttpRequestContract } from './catalog.ts';
import { prepareRequest } from './http-request.ts';
import { type TokenStore, tokensFromReply } from './tokens.ts';

export interface TransportOptions {
  baseUrl: string;
  store: TokenStore;
  fetch: typeof fetch;
  credentials: NonNullable<RequestInit['credentials']>;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends contract calls: the bearer token on every call, the reply unwrapped from `{data}`, an error
 * reply thrown as `ApiError`. A `token_expired` answer refreshes the session once (one refresh for
 * all calls waiting on it) and repeats the call. Sign-in replies store the tokens; sign-out clears them.
 */
export function createTransport(opts: TransportOptions, refreshContract: HttpRequestContract | undefined) {
  let refreshing: Promise<void> | undefined;

  async function send(contract: HttpRequestContract, input: object | undefined, options: CallOptions = {}) {
    const request = prepareRequest(opts.baseUrl, contract.http, input);
    const accessToken = opts.store.get()?.accessToken;
    const res = await opts.fetch(request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        ...options.headers,
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
      credentials: opts.credentials,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const body = await readJson(res);
    if (!res.ok) throw errorFromBody(res.status, body);
    const reply = contract.http.raw ? body : (body as { data?: unknown } | undefined)?.data;
    const cookie = contract.http.refreshCookie;
    if (cookie === 'clear') opts.store.set(undefined);
    else if (cookie) {
      const tokens = tokensFromReply(reply, opts.store.get());
      if (tokens) opts.store.set(tokens);
    }
    return reply;
  }

  /** Rotates the session's tokens (the refresh token held, or the browser's cookie). */
  function refresh(): Promise<void> {
    if (!refreshContract) return Promise.reject(new Error('the registry has no refresh operation'));
    refreshing ??= (async () => {
      try {
        const refreshToken = opts.store.get()?.refreshToken;
        await send(refreshContract, refreshToken ? { refreshToken } : {});
      } catch (err) {
        opts.store.set(undefined);
        throw err;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  async function call(contract: HttpRequestContract, input: object | undefined, options?: CallOptions) {
    try {
      return await send(contract, input, options);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'token_expired' || contract === refreshContract) throw err;
      await refresh();
      return send(contract, input, options);
    }
  }

  return { call, refresh };
}

export type Transport = ReturnType<typeof createTransport>;
