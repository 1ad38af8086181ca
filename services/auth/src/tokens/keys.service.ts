import { randomUUID } from 'node:crypto';
import type { JwkSet } from '@seed/contracts';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { KeyCrypto } from './key-crypto.ts';
import { keySchedule } from './key-schedule.ts';
import type { KeysRepository, NewSigningKey, SigningKeyRow } from './keys.repository.ts';

export const SIGNING_ALG = 'EdDSA';

export interface SigningKey {
  kid: string;
  alg: string;
  key: CryptoKey;
}

export interface KeyInfo {
  kid: string;
  alg: string;
  createdAt: Date;
  activatesAt: Date;
  state: 'pending' | 'signing' | 'published' | 'expired';
}

/**
 * Token signing keys (Ed25519), kept in the database with the private half encrypted. Each replica
 * reads them at most every `cacheMs`; a rotation publishes the new key `activationDelayMs` before
 * it signs, which must exceed `cacheMs` and the gateways' unknown-kid cooldown.
 */
export function createKeysService(deps: {
  repo: KeysRepository;
  crypto: KeyCrypto;
  accessTokenTtlMs: number;
  activationDelayMs: number;
  cacheMs?: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.cacheMs ?? 5_000;
  let cached: { rows: SigningKeyRow[]; at: number } | undefined;
  const privateKeys = new Map<string, CryptoKey>();

  async function rows(): Promise<SigningKeyRow[]> {
    if (!cached || Date.now() - cached.at > cacheMs) cached = { rows: await deps.repo.all(), at: Date.now() };
    return cached.rows;
  }

  async function newKey(activatesAt: Date): Promise<NewSigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    const privateJwk = await exportJWK(privateKey);
    return {
      kid,
      alg: SIGNING_ALG,
      publicJwk,
      privateKeyEnc: deps.crypto.encrypt(JSON.stringify(privateJwk)),
      createdAt: now(),
      activatesAt,
    };
  }

  const schedule = async () => keySchedule(await rows(), now(), deps.accessTokenTtlMs);

  return {
    /** Creates the first key, active at once, when there is none. */
    async ensureKey(): Promise<void> {
      if (await deps.repo.insertIfNone(() => newKey(now()))) cached = undefined;
    },

    /** A new key: published now, signing after the activation delay (or `delayMs`). */
    async rotate(delayMs = deps.activationDelayMs): Promise<{ kid: string; activatesAt: Date }> {
      const key = await newKey(new Date(now().getTime() + delayMs));
      await deps.repo.insert(key);
      cached = undefined;
      return { kid: key.kid, activatesAt: key.activatesAt! };
    },

    async signingKey(): Promise<SigningKey> {
      let { signing } = await schedule();
      if (!signing) {
        cached = undefined;
        ({ signing } = await schedule());
      }
      if (!signing) throw new Error('no active signing key');
      let key = privateKeys.get(signing.kid);
      if (!key) {
        const jwk = JSON.parse(deps.crypto.decrypt(signing.privateKeyEnc)) as JWK;
        key = (await importJWK(jwk, signing.alg)) as CryptoKey;
        privateKeys.set(signing.kid, key);
      }
      return { kid: signing.kid, alg: signing.alg, key };
    },

    async jwks(): Promise<JwkSet> {
      const { published } = await schedule();
      return { keys: published.map((k) => k.publicJwk as JwkSet['keys'][number]) };
    },

    async list(): Promise<KeyInfo[]> {
      cached = undefined;
      const { signing, published, expired } = await schedule();
      const t = now();
      const state = (k: SigningKeyRow): KeyInfo['state'] =>
        k.kid === signing?.kid
          ? 'signing'
          : expired.includes(k)
            ? 'expired'
            : k.activatesAt > t
              ? 'pending'
              : 'published';
      return [...published, ...expired]
        .sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())
        .map((k) => ({ kid: k.kid, alg: k.alg, createdAt: k.createdAt, activatesAt: k.activatesAt, state: state(k) }));
    },

    /** Deletes keys no token that is still valid was signed with. */
    async purgeExpired(): Promise<number> {
      cached = undefined;
      const { expired } = await schedule();
      await deps.repo.remove(expired.map((k) => k.kid));
      return expired.length;
    },
  };
}
export type KeysService = ReturnType<typeof createKeysService>;
