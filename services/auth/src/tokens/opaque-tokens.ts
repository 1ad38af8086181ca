import { createHash, randomBytes } from 'node:crypto';

/** A random token for a client to hold (256 bits, base64url). */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of an opaque token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
