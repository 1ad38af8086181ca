import type { AuthConfig } from '../config.ts';
import type { AuthDatabase } from '../db/database.ts';
import { createKeyCrypto } from './key-crypto.ts';
import { createKeysRepository } from './keys.repository.ts';
import { createKeysService, type KeysService } from './keys.service.ts';

export { type AccessTokenIssuer, createAccessTokenIssuer } from './access-tokens.ts';
export { createAesGcm } from './key-crypto.ts';
export type { KeysService } from './keys.service.ts';
export { hashToken, newOpaqueToken } from './opaque-tokens.ts';
export { serveTokensHandlers } from './tokens.handlers.ts';

/** The signing keys on their own (the app, and the operator command). */
export const createKeys = (config: AuthConfig, database: AuthDatabase): KeysService =>
  createKeysService({
    repo: createKeysRepository(database.db),
    crypto: createKeyCrypto(config.AUTH_KEYS_SECRET),
    accessTokenTtlMs: config.ACCESS_TOKEN_TTL_SEC * 1000,
    activationDelayMs: config.KEY_ACTIVATION_DELAY_MS,
  });
