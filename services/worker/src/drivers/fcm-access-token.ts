import { importPKCS8, SignJWT } from 'jose';
import type { ServiceAccount } from './fcm-credentials.ts';

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

export interface AccessTokenSource {
  /** A valid OAuth access token, fetched again shortly before it expires or when `refresh`. */
  get(opts?: { refresh?: boolean; signal?: AbortSignal }): Promise<string>;
}

/**
 * Google's service-account flow: a JWT signed with the account's key is exchanged at the token
 * URL for an access token (RFC 7523), kept until a minute before it expires.
 */
export function createAccessTokenSource(account: ServiceAccount, tokenUrl: string): AccessTokenSource {
  let cached: { token: string; until: number } | undefined;
  let inflight: Promise<string> | undefined;
  const key = importPKCS8(account.private_key, 'RS256');

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(account.client_email)
      .setSubject(account.client_email)
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(await key);
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      ...(signal ? { signal } : {}),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token) throw new Error(`FCM token exchange answered ${res.status}`);
    cached = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
    return body.access_token;
  }

  return {
    get(opts = {}) {
      if (!opts.refresh && cached && cached.until > Date.now()) return Promise.resolve(cached.token);
      inflight ??= fetchToken(opts.signal).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}
