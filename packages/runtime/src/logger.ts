import { type DestinationStream, type Logger, pino } from 'pino';
import { currentContext } from './context.ts';
import { currentTraceId } from './tracing/tracing.ts';

export type { Logger };

/** Paths whose values never reach a log line. */
const REDACT = [
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  'token',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.*.password',
  '*.*.token',
  '*.*.accessToken',
  '*.*.refreshToken',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(opts: { service: string; level?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      name: opts.service,
      level: opts.level ?? 'info',
      base: { service: opts.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      // The request id and trace of the work in progress, whichever hop it arrived through.
      mixin() {
        const ctx = currentContext();
        const traceId = currentTraceId();
        if (!ctx) return traceId ? { traceId } : {};
        return {
          reqId: ctx.requestId,
          ...(ctx.caller ? { userId: ctx.caller.userId } : {}),
          ...(traceId ? { traceId } : {}),
        };
      },
    },
    destination ?? pino.destination(1),
  );
}
