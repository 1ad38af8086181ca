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
  415: 'unsupported_media_type',
};

const messageForCode: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request body is not valid JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request body must be application/json',
};

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
    const fastifyCode = (err as { code?: string }).code ?? '';
    const message =
      messageForCode[fastifyCode] ?? (err instanceof SyntaxError ? 'request body is not valid JSON' : undefined);
    return { status, body: { code, message: message ?? (err as Error).message ?? code }, unexpected: false };
  }
  return { status: 500, body: INTERNAL, unexpected: true };
}
