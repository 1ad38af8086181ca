import { hash } from 'node:crypto';
import type { Caller } from '@seed/runtime';
import { LRUCache } from 'lru-cache';

/** What a successful signature and claims check of one token established. */
export interface VerifiedToken {
  caller: Caller;
  /** The token's `exp`, seconds since the epoch. */
  exp: number;
  kid: string;
  /** The JWKS key material the signature was checked with (see `TrustedKey.material`). */
  keyMaterial: string;
}

export interface VerifiedTokens {
  get(token: string): VerifiedToken | undefined;
  set(token: string, verified: VerifiedToken): void;
  delete(token: string): void;
}

/**
 * The tokens whose signature and claims were already checked, most recently used first, at most
 * `max` of them. Keyed by a SHA-256 of the whole token, so the cache holds no bearer secret and
 * a token differing in any byte (header, claims or signature) is a different entry.
 */
export function createVerifiedTokens(opts: { max: number }): VerifiedTokens {
  const cache = new LRUCache<string, VerifiedToken>({ max: opts.max });
  const keyOf = (token: string) => hash('sha256', token, 'base64url');
  return {
    get: (token) => cache.get(keyOf(token)),
    set: (token, verified) => void cache.set(keyOf(token), verified),
    delete: (token) => void cache.delete(keyOf(token)),
  };
}
