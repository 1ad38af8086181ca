import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Where uploads are kept; services add this to their config schema. */
export const storageConfigSchema = z.object({
  /** `local`: a NATS JetStream object store, bytes streamed through the gateway; `s3`: pre-signed URLs. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Object store bucket of the local driver. */
  STORAGE_LOCAL_BUCKET: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('uploads'),
  /** Where clients reach the gateway (the local driver's upload and read URLs start with it). */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:8080'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (`endpoint/bucket/key`), as MinIO and most S3-compatible servers want. */
  S3_FORCE_PATH_STYLE: flag.default(true),
  /** How long an upload URL works. */
  UPLOAD_URL_TTL_SEC: z.coerce.number().int().min(30).max(86_400).default(900),
  /** How long a read URL works. */
  READ_URL_TTL_SEC: z.coerce.number().int().min(10).max(86_400).default(300),
});

export type StorageConfig = z.output<typeof storageConfigSchema>;
