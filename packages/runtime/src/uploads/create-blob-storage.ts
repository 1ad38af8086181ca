import type { NatsConnection } from '@nats-io/nats-core';
import type { Redis } from 'ioredis';
import { ConfigError } from '../config.ts';
import type { BlobStorage } from './blob-storage.ts';
import { createFileGrants } from './file-grants.ts';
import { createNatsBlobStorage } from './nats-blob-storage.ts';
import { createS3BlobStorage } from './s3-blob-storage.ts';
import type { StorageConfig } from './storage-config.ts';

/** The storage the config names. `gatewayRedis` must use the gateway's key prefix (local file grants). */
export function createBlobStorage(
  config: StorageConfig,
  deps: { nc: NatsConnection; gatewayRedis: Redis },
): BlobStorage {
  if (config.STORAGE_DRIVER === 'local')
    return createNatsBlobStorage({
      nc: deps.nc,
      bucket: config.STORAGE_LOCAL_BUCKET,
      grants: createFileGrants(deps.gatewayRedis),
      publicBaseUrl: config.PUBLIC_BASE_URL,
    });
  if (!config.S3_BUCKET) throw new ConfigError(['S3_BUCKET: required when STORAGE_DRIVER=s3']);
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  return createS3BlobStorage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials,
  });
}
