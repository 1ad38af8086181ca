import type { NatsConnection, Redis } from '@seed/runtime';
import { type BlobStorage, createBlobStorage, createUploads, IMAGE_TYPES } from '@seed/runtime/uploads';
import type { AuthConfig } from '../config.ts';
import type { AuthDatabase } from '../db/database.ts';
import { uploads as uploadsTable } from '../db/schema.ts';
import type { AuthStore } from '../db/store.ts';
import { AVATAR, createAvatarsService } from './avatars.service.ts';

/**
 * Auth's uploads (avatars, images only) on the storage the config names. `gatewayRedis` is where
 * the gateway reads the local driver's file grants.
 */
export function createAvatarStorage(deps: {
  config: AuthConfig;
  nc: NatsConnection;
  gatewayRedis: Redis;
  database: AuthDatabase;
  store: AuthStore;
  nextId: () => string;
  serviceName: string;
  blobs?: BlobStorage | undefined;
}) {
  const { config } = deps;
  const blobs = deps.blobs ?? createBlobStorage(config, { nc: deps.nc, gatewayRedis: deps.gatewayRedis });
  const uploads = createUploads({
    db: deps.database.db,
    table: uploadsTable,
    storage: blobs,
    purposes: [{ name: AVATAR, maxBytes: config.AVATAR_MAX_BYTES, contentTypes: IMAGE_TYPES }],
    nextId: deps.nextId,
    keyPrefix: deps.serviceName,
    uploadUrlTtlSec: config.UPLOAD_URL_TTL_SEC,
    readUrlTtlSec: config.READ_URL_TTL_SEC,
  });
  const avatars = createAvatarsService({ store: deps.store, blobs, readUrlTtlSec: config.READ_URL_TTL_SEC });
  return { uploads, avatars };
}
