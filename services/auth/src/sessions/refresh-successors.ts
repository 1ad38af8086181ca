import { hkdfSync } from 'node:crypto';
import { createAesGcm } from '../tokens/index.ts';

/** The tokens one refresh handed out. */
export interface RotatedPair {
  refreshToken: string;
  accessToken: string;
  accessExpiresAtMs: number;
}

const isPair = (v: unknown): v is RotatedPair => {
  const p = v as Partial<RotatedPair> | null;
  return (
    typeof p?.refreshToken === 'string' && typeof p.accessToken === 'string' && typeof p.accessExpiresAtMs === 'number'
  );
};

/**
 * What a refresh handed out, kept beside the refresh token it replaced so that the same token shown
 * again within the grace window gets the same pair (two tabs refreshing at once). Sealed under a key
 * derived from that old token and the service's secret: only whoever presents the old token can
 * read it, and the database never holds a usable token.
 */
export function createRefreshSuccessors(secret: string) {
  const cipherFor = (oldToken: string) =>
    createAesGcm(Buffer.from(hkdfSync('sha256', oldToken, secret, 'seed-auth refresh successor v1', 32)));
  return {
    seal: (oldToken: string, pair: RotatedPair): string => cipherFor(oldToken).encrypt(JSON.stringify(pair)),
    /** The pair, or undefined when the sealed form is not one this token sealed. */
    open(oldToken: string, sealed: string): RotatedPair | undefined {
      try {
        const pair: unknown = JSON.parse(cipherFor(oldToken).decrypt(sealed));
        return isPair(pair) ? pair : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
export type RefreshSuccessors = ReturnType<typeof createRefreshSuccessors>;
