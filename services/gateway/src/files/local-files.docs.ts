import { LOCAL_FILES_PATH } from '@seed/runtime/uploads';
import { errorResponsesOf, type OperationDocs } from '../http/openapi-schema.ts';

const EDGE = ['bad_request', 'route_not_found', 'uri_too_long', 'rate_limited', 'service_unavailable', 'overloaded'];
const params = {
  type: 'object',
  properties: { token: { type: 'string', description: 'The grant a service issued with the upload or read URL' } },
  required: ['token'],
};

/** OpenAPI of the local storage driver's file routes (documentation only). */
export const localFileDocs = (op: 'get' | 'put'): OperationDocs =>
  op === 'get'
    ? {
        operationId: 'files.local.get',
        summary: 'Download a stored file through a short-lived read grant',
        tags: ['files'],
        params,
        response: {
          '200': { description: 'The file, in its stored content type' },
          ...errorResponsesOf(['not_found', ...EDGE]),
        },
        security: [{}],
      }
    : {
        operationId: 'files.local.put',
        summary: 'Upload the bytes of a granted upload (exactly the granted size, streamed)',
        tags: ['files'],
        params,
        response: {
          '200': {
            description: 'Stored',
            type: 'object',
            required: ['data'],
            properties: { data: { type: 'object', properties: { size: { type: 'integer' } } } },
          },
          ...errorResponsesOf(['not_found', 'payload_too_large', ...EDGE]),
        },
        security: [{}],
      };

export const LOCAL_FILES_ROUTE = `${LOCAL_FILES_PATH}/:token`;
