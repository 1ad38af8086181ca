import type { ErrorBody } from '@seed/contracts';
import { isAppError, isOutage, toAppError } from '@seed/runtime';

export interface HttpError {
  status: number;
  body: ErrorBody;
  /** A fault of ours rather than of the request: worth an error log line. */
  unexpected: boolean;
}

const INTERNAL: ErrorBody = { code: 'internal', message: 'internal error' };

/** Fastify's own request errors (body parsing, URL) by their status. */
const codeForStatus: Record<number, string> = {
  404: 'route_not_found',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
};

const messageForCode: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request body is empty but declared application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request body must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request body does not match its Content-Length',
  FST_ERR_BAD_URL: 'the URL is not valid percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'a path parameter is too long',
};

/** What secure-json-parse says of a `__proto__` or `constructor.prototype` key. */
const FORBIDDEN_KEY = /forbidden prototype property|forbidden constructor property/;

function clientMessage(err: unknown): string | undefined {
  const fastifyCode = (err as { code?: unknown }).code;
  if (typeof fastifyCode === 'string' && messageForCode[fastifyCode]) return messageForCode[fastifyCode];
  if (err instanceof SyntaxError)
    return FORBIDDEN_KEY.test(err.message)
      ? 'request body may not hold __proto__ or constructor.prototype keys'
      : 'request body is not valid JSON';
  return undefined;
}

function clientStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** What a client sees of any error: the `{error: {code, message, details?}}` body and its status. */
export function toHttpError(err: unknown): HttpError {
  if (isAppError(err)) {
    if (err.status >= 500 && err.code === 'internal') return { status: 500, body: INTERNAL, unexpected: true };
    return { status: err.status, body: err.toBody(), unexpected: false };
  }
  if (isOutage(err)) return { status: 503, body: toAppError(err).toBody(), unexpected: false };
  const status = clientStatus(err);
  if (status !== undefined) {
    const code = codeForStatus[status] ?? 'bad_request';
    return { status, body: { code, message: clientMessage(err) ?? code.replaceAll('_', ' ') }, unexpected: false };
  }
  return { status: 500, body: INTERNAL, unexpected: true };
}
