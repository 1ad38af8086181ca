import { AppError } from '@seed/runtime';
import { describe, expect, it } from 'vitest';
import { toHttpError } from './error-mapping.ts';

const fastifyError = (code: string, statusCode: number, message = 'fastify says no') =>
  Object.assign(new Error(message), { code, statusCode });

describe('toHttpError', () => {
  it('keeps an app error with its status, code and details', () => {
    expect(toHttpError(new AppError('conflict', 'taken', { field: 'email' }))).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'taken', details: { field: 'email' } },
      unexpected: false,
    });
  });

  it('hides anything unknown, and the message of an internal app error', () => {
    const internal = { status: 500, body: { code: 'internal', message: 'internal error' }, unexpected: true };
    expect(toHttpError(new Error('db password is hunter2'))).toEqual(internal);
    expect(toHttpError(new AppError('internal', 'chat.x answered outside its contract'))).toEqual(internal);
    expect(toHttpError('thrown string')).toEqual(internal);
  });

  it('maps Fastify request errors onto the catalogue', () => {
    expect(toHttpError(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413)).body.code).toBe('payload_too_large');
    expect(toHttpError(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415)).body.code).toBe('unsupported_media_type');
    expect(toHttpError(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400))).toMatchObject({
      status: 400,
      body: { code: 'bad_request', message: 'request body is not valid JSON' },
    });
    expect(toHttpError(fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414))).toMatchObject({
      status: 414,
      body: { code: 'uri_too_long', message: 'a path parameter is too long' },
    });
    expect(toHttpError(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'Body cannot be empty'))).toMatchObject({
      status: 400,
      body: { code: 'bad_request', message: 'request body is empty but declared application/json' },
    });
  });
});
