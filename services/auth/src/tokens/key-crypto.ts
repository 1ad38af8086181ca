import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface KeyCrypto {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from AUTH_KEYS_SECRET. Sealed form:
 * `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export function createKeyCrypto(secret: string): KeyCrypto {
  return createAesGcm(Buffer.from(hkdfSync('sha256', secret, 'seed-auth', 'signing-keys v1', 32)));
}

/** AES-256-GCM under a 32-byte key, in the sealed form above. */
export function createAesGcm(key: Buffer): KeyCrypto {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown sealed key format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
