import type { NatsConnection, TlsOptions } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from '../logger.ts';
import { observeNatsConnection } from '../ops/connection-metrics.ts';
import { inboxPrefixOf } from '../security/nats-permissions.ts';
import { redactUrl } from '../startup/redact-url.ts';
import { reasonOf, retryUntil } from '../startup/retry-until.ts';
import { StartupError } from '../startup/startup-error.ts';

export type { NatsConnection };

export interface NatsConnectOptions {
  /** One URL or a comma-separated list (`nats://` or `tls://`). */
  url: string;
  name: string;
  logger: Logger;
  user?: string;
  pass?: string;
  tls?: TlsOptions;
  /** How long the first connection may take before start-up fails; 30 s by default. */
  timeoutMs?: number;
}

/** An error no retry can fix: the server refused who we are. */
const isAuthError = (err: unknown) => /authoriz|authenticat|permission/i.test(reasonOf(err));

/**
 * Connects within `timeoutMs` or throws a StartupError naming the server and the cause. Once
 * connected, reconnects forever; status changes are logged and counted, never thrown.
 */
export async function connectNats(opts: NatsConnectOptions): Promise<NatsConnection> {
  const target = redactUrl(opts.url);
  opts.logger.info({ nats: target, user: opts.user, tls: opts.tls !== undefined }, 'connecting to NATS');
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let nc: NatsConnection;
  try {
    nc = await retryUntil({
      deadline,
      retryable: (err) => !isAuthError(err),
      attempt: (remainingMs) =>
        connect({
          servers: opts.url.split(','),
          name: opts.name,
          // A user reads replies on its own inbox prefix only (see nats-permissions).
          ...(opts.user ? { user: opts.user, pass: opts.pass ?? '', inboxPrefix: inboxPrefixOf(opts.user) } : {}),
          ...(opts.tls ? { tls: opts.tls } : {}),
          timeout: Math.min(remainingMs, 5_000),
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          // Async stack traces cost two Error objects per request (about 20 % of a gateway's CPU).
          noAsyncTraces: true,
        }),
    });
  } catch (err) {
    throw new StartupError('NATS', target, reasonOf(err));
  }
  observeNatsConnection(nc, opts.name, opts.logger);
  return nc;
}
