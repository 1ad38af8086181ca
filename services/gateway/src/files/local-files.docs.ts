import { errorResponsesOf, type OperationDocs } from '../http/index.ts';

/** Errors any request to the files route may meet before or around the grant's own checks. */
const EDGE = ['bad_request', 'route_not_found', 'uri_too_long', 'rate_limited', 'service_unavailable', 'overloaded'];

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
export const localFileDocs: Record<'put' | 'get', OperationDocs> = {
  put: {
    operationId: 'files.upload',
    summary: 'Upload the bytes of a declared upload',
    description:
      'With `STORAGE_DRIVER=local`, the `uploadUrl` of `POST /api/v1/<service>/uploads` points here. Send exactly ' +
      'the declared number of bytes with the headers that reply named, then complete the upload with ' +
      '`POST /api/v1/<service>/uploads/{uploadId}/complete`. No bearer token: the grant in the path is the permission. ' +
      'With `STORAGE_DRIVER=s3` the upload URL is a pre-signed S3 PUT instead, used the same way. ' +
      'A grant unknown or expired is 404 `not_found`; a body not exactly the declared size 413 `payload_too_large`; ' +
      'storage out of reach 503 `service_unavailable`.',
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
      ...errorResponsesOf(['not_found', 'payload_too_large', ...EDGE]),
    },
    security: [{}],
  },
  get: {
    operationId: 'files.download',
    summary: 'Read a stored file',
    description:
      'Read URLs of the local storage driver (avatars, chat images) point here. They are signed for minutes: ' +
      'fetch the file, do not keep the URL. No such file, or a link expired, is 404 `not_found`; storage out of ' +
      'reach 503 `service_unavailable`.',
    tags: ['files'],
    params: token,
    response: {
      200: {
        description: 'The file, with the content type it was uploaded as',
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      },
      ...errorResponsesOf(['not_found', ...EDGE]),
    },
    security: [{}],
  },
};
