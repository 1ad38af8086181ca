/** What a signed-in client holds; browsers keep the refresh token in an HttpOnly cookie instead. */
export interface Tokens {
  accessToken: string;
  refreshToken?: string | undefined;
}

/** Where a client keeps its tokens (memory by default; an app may persist them). */
export interface TokenStore {
  get(): Tokens | undefined;
  set(tokens: Tokens | undefined): void;
}

export const isTokenStore = (v: unknown): v is TokenStore =>
  typeof (v as TokenStore | undefined)?.get === 'function' && typeof (v as TokenStore).set === 'function';

export function memoryTokenStore(initial?: Tokens): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

/** Tokens in a login, signup or refresh reply, keeping the refresh token already held if it has none. */
export function tokensFromReply(reply: unknown, held: Tokens | undefined): Tokens | undefined {
  const r = reply as Partial<Tokens> | null;
  if (typeof r?.accessToken !== 'string') return undefined;
  return { accessToken: r.accessToken, refreshToken: r.refreshToken ?? held?.refreshToken };
}
