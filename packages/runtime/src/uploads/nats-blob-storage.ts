import type { NatsConnection } from '@nats-io/nats-core';
import { type ObjectStore, Objm } from '@nats-io/obj';
import { type BlobStorage, firstBytes } from './blob-storage.ts';
import type { FileGrants } from './file-grants.ts';

/** Path of the gateway route that streams local files in and out (`PUT`/`GET /api/v1/files/:token`). */
export const LOCAL_FILES_PATH = '/api/v1/files';

/** Opens (creating when needed) the object store bucket of the local driver. */
export async function openObjectStore(nc: NatsConnection, bucket: string): Promise<ObjectStore> {
  return new Objm(nc).create(bucket);
}

/**
 * The local driver: objects in a NATS JetStream object store (so every replica, in compose or
 * k8s, sees them without a shared disk), sent and read through the gateway with URLs whose
 * grants live in Redis for a short time.
 */
export function createNatsBlobStorage(opts: {
  nc: NatsConnection;
  bucket: string;
  grants: FileGrants;
  publicBaseUrl: string;
}): BlobStorage {
  let opened: Promise<ObjectStore> | undefined;
  const bucket = () => {
    opened ??= openObjectStore(opts.nc, opts.bucket).catch((err) => {
      opened = undefined;
      throw err;
    });
    return opened;
  };
  const url = (token: string) => `${opts.publicBaseUrl.replace(/\/$/, '')}${LOCAL_FILES_PATH}/${token}`;

  return {
    async uploadTarget(key, { contentType, size, expiresInSec }) {
      await bucket();
      const token = await opts.grants.issue({ op: 'put', bucket: opts.bucket, key, contentType, size }, expiresInSec);
      return { url: url(token), method: 'PUT', headers: { 'content-type': contentType } };
    },
    async stat(key) {
      const info = await (await bucket()).info(key);
      return info && !info.deleted ? { size: info.size } : undefined;
    },
    async head(key, bytes) {
      const result = await (await bucket()).get(key);
      return result ? firstBytes(result.data, bytes) : new Uint8Array();
    },
    async readUrl(key, { contentType, expiresInSec }) {
      return url(await opts.grants.issue({ op: 'get', bucket: opts.bucket, key, contentType }, expiresInSec));
    },
    async delete(key) {
      await (await bucket()).delete(key).catch(() => {});
    },
  };
}
