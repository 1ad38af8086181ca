import type { CallOptions, HttpApi, UploadDomain } from './api-types.ts';
import { clientHttpContracts, cursorField, type HttpRequestContract, methodPath } from './catalog.ts';
import { items, pages } from './paging.ts';
import { createSocket, type SocketOptions } from './socket.ts';
import { isTokenStore, memoryTokenStore, type TokenStore, type Tokens } from './tokens.ts';
import { createTransport } from './transport.ts';
import { type UploadInput, uploadFile } from './uploads.ts';

export interface ClientOptions {
  /** Where the gateway is, e.g. `http://localhost:8080` (a browser page may pass `location.origin`). */
  baseUrl: string;
  /** Tokens to start with, or a store the client reads and updates. */
  tokens?: Tokens | TokenStore;
  /** Replaces the global `fetch` (tests, proxies). */
  fetch?: typeof fetch;
  /** Browsers send the refresh cookie with `include` (the default). */
  credentials?: RequestInit['credentials'];
}

type Group = Record<string, Record<string, unknown>>;

function buildApi(
  contracts: HttpRequestContract[],
  call: (c: HttpRequestContract, input: object | undefined, options?: CallOptions) => Promise<unknown>,
): HttpApi {
  const api: Record<string, Group> = {};
  for (const contract of contracts) {
    const [domain, entity, verb] = methodPath(contract.subject);
    const method = (input?: object, options?: CallOptions) => call(contract, input, options);
    const cursor = cursorField(contract);
    if (cursor)
      Object.assign(method, {
        pages: (input?: object, options?: CallOptions) => pages(method, cursor, input, options),
        each: (input?: object, options?: CallOptions) => items(method, cursor, input, options),
      });
    api[domain] ??= {};
    api[domain][entity] ??= {};
    api[domain][entity][verb] = method;
  }
  return api as unknown as HttpApi;
}

/**
 * A client of the whole API, generated from the contracts registry: `client.<domain>.<entity>.<verb>(input)`
 * for every HTTP operation, `upload()` for files and `socket()` for real time. It keeps the session's
 * tokens, refreshing them when a call answers `token_expired`.
 */
export function createClient(options: ClientOptions) {
  const store = isTokenStore(options.tokens) ? options.tokens : memoryTokenStore(options.tokens);
  const fetchFn = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const contracts = clientHttpContracts();
  const bySubject = new Map(contracts.map((c) => [c.subject, c]));
  const transport = createTransport(
    { baseUrl: options.baseUrl, store, fetch: fetchFn, credentials: options.credentials ?? 'include' },
    contracts.find((c) => c.http.refreshCookie === 'read'),
  );
  const api = buildApi(contracts, transport.call);

  return {
    ...api,
    /** The tokens held now (undefined when signed out). */
    get tokens(): Tokens | undefined {
      return store.get();
    },
    /** Replaces the tokens held (undefined signs the client out locally). */
    setTokens(tokens: Tokens | undefined) {
      store.set(tokens);
    },
    /** Rotates the session's tokens now. */
    refresh: () => transport.refresh(),
    /** Uploads a file for one of a domain's purposes and completes it: the upload's id is then usable. */
    upload<D extends UploadDomain>(domain: D, input: UploadInput<D>) {
      return uploadFile(
        (subject, body, signal) => {
          const contract = bySubject.get(subject);
          if (!contract) throw new TypeError(`no operation ${subject}`);
          return transport.call(contract, body, signal ? { signal } : {});
        },
        fetchFn,
        domain,
        input,
      );
    },
    /** A Socket.IO connection on namespace `/`, signed in with the held access token. */
    socket(socketOptions?: SocketOptions) {
      return createSocket({ baseUrl: options.baseUrl, store, refresh: transport.refresh }, socketOptions);
    },
  };
}

export type SeedClient = ReturnType<typeof createClient>;
