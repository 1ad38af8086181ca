import type { JsonSchema } from '../http/index.ts';

const error = (description: string): JsonSchema => ({
  description,
  type: 'object',
  required: ['error'],
  properties: { error: { $ref: '#/components/schemas/Error' } },
});

const token = {
  type: 'object',
  required: ['token'],
  properties: {
    token: {
      type: 'string',
      description:
        'The grant in the `uploadUrl` (or read URL) a service answered; valid for minutes, for one operation.',
      examples: ['Zk3q9u2LrC0v8mXn1bYtQw'],
    },
  },
};

/** The OpenAPI operations of the local storage driver's files route (documentation only). */
export const localFileDocs = {
  put: {
    operationId: 'files.upload',
    summary: 'Upload the bytes of a declared upload',
    description:
      'With `STORAGE_DRIVER=local`, the `uploadUrl` of `POST /api/v1/<service>/uploads` points here. Send exactly ' +
      'the declared number of bytes with the headers that reply named, then complete the upload with ' +
      '`POST /api/v1/<service>/uploads/{uploadId}/complete`. No bearer token: the grant in the path is the permission. ' +
      'With `STORAGE_DRIVER=s3` the upload URL is a pre-signed S3 PUT instead, used the same way.',
    tags: ['files'],
    params: token,
    body: {
      content: {
        'application/octet-stream': { schema: { type: 'string', format: 'binary', description: 'The file, as is' } },
      },
    },
    response: {
      200: {
        description: 'Stored',
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } } },
      },
      404: error('not_found: no such grant, or it expired'),
      413: error('payload_too_large: not exactly the declared size'),
    },
    security: [{}],
  },
  get: {
    operationId: 'files.download',
    summary: 'Read a stored file',
    description:
      'Read URLs of the local storage driver (avatars, chat images) point here. They are signed for minutes: ' +
      'fetch the file, do not keep the URL.',
    tags: ['files'],
    params: token,
    response: {
      200: {
        description: 'The file, with the content type it was uploaded as',
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      },
      404: error('not_found: no such file, or the link expired'),
    },
    security: [{}],
  },
};
