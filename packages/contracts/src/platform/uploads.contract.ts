import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id, Timestamp } from '../ids.ts';

export const UploadView = z.object({
  id: Id,
  purpose: z.string(),
  contentType: z.string(),
  size: z.number().int().min(1),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
});

/**
 * The two upload operations every service with files serves under its own domain:
 * `POST /api/v1/<domain>/uploads` declares an upload and answers where to send the bytes (a
 * pre-signed S3 PUT, or the gateway for the local driver); `POST …/uploads/:uploadId/complete`
 * checks the stored object (size, type by magic bytes) and makes it usable.
 */
export function defineUploadContracts<const D extends string, const P extends readonly [string, ...string[]]>(
  domain: D,
  purposes: P,
) {
  const tags = [`${domain}: uploads`];
  return {
    createUpload: defineRequest({
      subject: `${domain}.upload.create`,
      access: 'user',
      request: z.object({
        purpose: z.enum(purposes),
        contentType: z.string().min(3).max(100),
        size: z
          .number()
          .int()
          .min(1)
          .max(1024 * 1024 * 1024),
      }),
      reply: z.object({
        upload: UploadView,
        /** Send the bytes here, with these headers, before `expiresAt`. */
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: Timestamp,
      }),
      errors: ['payload_too_large', 'unsupported_media_type'],
      http: {
        method: 'POST',
        path: `/api/v1/${domain}/uploads`,
        status: 201,
        tags,
        summary: `Declare a ${domain} upload`,
        description:
          `Declares a file for one of ${domain}'s purposes (${purposes.join(', ')}); its size and type are checked ` +
          'against the purpose. Send the bytes with a PUT to `uploadUrl` with `headers` before `expiresAt` (a ' +
          'pre-signed S3 URL, or `/api/v1/files/{token}` with the local driver), then complete the upload.',
        example: { purpose: purposes[0], contentType: 'image/png', size: 48213 },
      },
      socket: { event: `${domain}:upload:create` },
    }),
    completeUpload: defineRequest({
      subject: `${domain}.upload.complete`,
      access: 'user',
      request: z.object({ uploadId: Id }),
      reply: UploadView,
      errors: ['upload_not_found', 'unsupported_media_type', 'unprocessable'],
      http: {
        method: 'POST',
        path: `/api/v1/${domain}/uploads/:uploadId/complete`,
        tags,
        summary: `Complete a ${domain} upload`,
        description:
          'Checks the stored bytes (the declared size, the type by its magic bytes) and makes the upload usable by ' +
          'its id. An upload never completed is removed by the cleanup job.',
        example: { uploadId: '7270039520237371392' },
      },
      socket: { event: `${domain}:upload:complete` },
    }),
  };
}
