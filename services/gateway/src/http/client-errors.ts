import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { statusOf } from '@seed/contracts';
import type { FastifyInstance } from 'fastify';

/** Node's parser errors (before any route), by the code they answer. */
function codeOf(err: NodeJS.ErrnoException): string {
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'bad_request';
}

const messages: Record<string, string> = {
  headers_too_large: 'the request line and headers are larger than 16 KiB',
  request_timeout: 'the request did not arrive in time',
  bad_request: 'the request is not valid HTTP',
};

/**
 * For Fastify's `clientErrorHandler`: a request Node could not parse is answered in the same
 * `{error: {code, message}}` shape as every other failure, then the connection closes.
 */
export function answerClientError(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = codeOf(err);
  const status = statusOf(code);
  const body = JSON.stringify({ error: { code, message: messages[code] } });
  this.log.debug({ err: err.message, code }, 'unparsable request');
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
