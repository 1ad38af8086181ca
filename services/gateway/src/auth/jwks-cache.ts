import type { JwkSet } from '@seed/contracts';
import type { Logger } from '@seed/runtime';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';

export interface JwksCacheOptions {
  fetch: () => Promise<JwkSet>;
  logger: Logger;
  /** Least time between two fetches caused by unknown `kid`s, so forged kids cannot flood auth. */
  unknownKidCooldownMs: number;
  /** Keys older than this are fetched again, so keys removed from auth stop being trusted. */
  maxAgeMs: number;
  now?: () => number;
}

/** The keys to verify a token signed with one `kid`. */
export interface TrustedKey {
  keySet: JWTVerifyGetKey;
  /**
   * The published key material of the kid: equal across refreshes while auth publishes the same
   * key, different once it drops or replaces it (so a verification made with it can be reused).
   */
  material: string;
}

export interface JwksCache {
  /** The keys to verify a token signed with `kid`, or undefined when auth does not know the kid. */
  keysFor(kid: string): Promise<TrustedKey | undefined>;
}

function keysByKid(jwks: JwkSet): Map<string, TrustedKey> {
  const keySet = createLocalJWKSet(jwks);
  const published = new Map<string, string[]>();
  for (const key of jwks.keys) published.set(key.kid, [...(published.get(key.kid) ?? []), JSON.stringify(key)]);
  return new Map([...published].map(([kid, material]) => [kid, { keySet, material: material.sort().join('\n') }]));
}

/**
 * Auth's public keys, fetched on first use, refreshed when old and when a token names a `kid`
 * the cache has not seen (key rotation). One fetch at a time, however many requests wait on it.
 */
export function createJwksCache(opts: JwksCacheOptions): JwksCache {
  const now = opts.now ?? Date.now;
  let keys: Map<string, TrustedKey> | undefined;
  let fetchedAt = 0;
  let lastUnknownKidFetch = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    inFlight ??= opts
      .fetch()
      .then((jwks) => {
        keys = keysByKid(jwks);
        fetchedAt = now();
        opts.logger.debug({ kids: [...keys.keys()] }, 'jwks fetched');
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    async keysFor(kid) {
      let fresh = false;
      if (!keys) {
        await refresh();
        fresh = true;
      } else if (now() - fetchedAt > opts.maxAgeMs) {
        fresh = await refresh().then(
          () => true,
          (err) => {
            opts.logger.warn({ err }, 'jwks refresh failed; keeping the known keys');
            return false;
          },
        );
      }
      if (!fresh && !keys?.has(kid) && now() - lastUnknownKidFetch >= opts.unknownKidCooldownMs) {
        lastUnknownKidFetch = now();
        await refresh();
      }
      return keys?.get(kid);
    },
  };
}
