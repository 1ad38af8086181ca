import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What one local file URL lets its holder do. */
export interface FileGrant {
  op: 'put' | 'get';
  bucket: string;
  key: string;
  contentType: string;
  /** Exact byte count a `put` must send. */
  size?: number;
}

/** The local driver's URLs carry a random token; the grant behind it lives in Redis until it expires. */
export const fileGrantKey = (token: string): string => `files:grant:${token}`;

export const FILE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Grants are written by services and read by the gateway, so `redis` must use the gateway's key
 * prefix (as presence does).
 */
export function createFileGrants(redis: Redis) {
  return {
    async issue(grant: FileGrant, ttlSec: number): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await redis.set(fileGrantKey(token), JSON.stringify(grant), 'EX', ttlSec);
      return token;
    },
    async read(token: string): Promise<FileGrant | undefined> {
      if (!FILE_TOKEN.test(token)) return undefined;
      const raw = await redis.get(fileGrantKey(token));
      return raw ? (JSON.parse(raw) as FileGrant) : undefined;
    },
  };
}

export type FileGrants = ReturnType<typeof createFileGrants>;
