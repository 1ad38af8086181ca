import type { getJwks, JwkSet } from '@seed/contracts';
import { createLogger, createServiceHost, type Logger, type NatsConnection } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  /** `none` and `HS256` forge tokens the gateway must refuse (HS256 is keyed with the public key). */
  alg?: 'EdDSA' | 'none' | 'HS256';
  /** Defaults to the signing key's id; `null` leaves the header without one. */
  kid?: string | null;
  /** Seconds since the epoch; 15 minutes from now by default. */
  exp?: number;
  nbf?: number;
  aud?: string;
  iss?: string;
  [claim: string]: unknown;
}

export interface TestTokens {
  issuer: string;
  audience: string;
  /** The id of the key that signs from now on. */
  readonly kid: string;
  /** The public keys auth would publish. */
  jwks(): JwkSet;
  signAccessToken(claims: AccessTokenClaims): Promise<string>;
  /** A new signing key (published next to the old ones), as auth does when it rotates keys. */
  rotate(): Promise<void>;
  /** Serves `jwks()` on `contract` over NATS, as auth does; counts the fetches. */
  serveJwks(nc: NatsConnection, contract: typeof getJwks): Promise<JwksResponder>;
}

export interface JwksResponder {
  fetches(): number;
  stop(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = uniqueName('key');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Ed25519 keys with ids, signing access tokens the way auth does (and forgeries it never would). */
export async function createTestTokens(
  opts: { issuer?: string; audience?: string; logger?: Logger } = {},
): Promise<TestTokens> {
  const issuer = opts.issuer ?? 'seed-auth';
  const audience = opts.audience ?? 'seed';
  const logger = opts.logger ?? createLogger({ service: 'test-auth', level: 'silent' });
  const keys = [await newKey()];
  const current = () => keys[keys.length - 1] as SigningKey;

  return {
    issuer,
    audience,
    get kid() {
      return current().kid;
    },
    jwks: () => ({ keys: keys.map((k) => k.publicJwk as JwkSet['keys'][number]) }),

    async signAccessToken({ alg = 'EdDSA', kid, exp, nbf, aud, iss, ...claims }) {
      const key = current();
      const now = Math.floor(Date.now() / 1000);
      const header = { alg, typ: 'JWT', ...(kid === null ? {} : { kid: kid ?? key.kid }) };
      const payload = {
        ...claims,
        iss: iss ?? issuer,
        aud: aud ?? audience,
        iat: now,
        exp: exp ?? now + 900,
        ...(nbf !== undefined ? { nbf } : {}),
        jti: uniqueName('jti'),
      };
      if (alg === 'none') return `${b64(header)}.${b64(payload)}.`;
      const signer = new SignJWT(payload).setProtectedHeader(header);
      if (alg === 'HS256') return signer.sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
      return signer.sign(key.privateKey);
    },

    async rotate() {
      keys.push(await newKey());
    },

    async serveJwks(nc, contract) {
      let fetches = 0;
      const host = await createServiceHost(nc, { name: uniqueName('test_auth'), version: '0.0.1', logger });
      host.serve(contract, () => {
        fetches++;
        return { keys: keys.map((k) => k.publicJwk as JwkSet['keys'][number]) };
      });
      return { fetches: () => fetches, stop: () => host.stop() };
    },
  };
}
