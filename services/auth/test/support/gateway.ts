import { createLogger, type NatsConnection, type Redis } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { createApp, type GatewayApp } from '../../../gateway/src/app.ts';
import { loadConfig } from '../../../gateway/src/config.ts';

export interface Gateway {
  url: string;
  app: GatewayApp;
  stop(): Promise<void>;
}

/** The real gateway, serving the real registry, on a free loopback port of this process. */
export async function startGateway(
  nc: NatsConnection,
  redis: Redis,
  env: Record<string, string> = {},
): Promise<Gateway> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000',
    ...env,
  });
  const logger = createLogger({ service: 'gateway', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp(config, { nc, redis, logger }, { sockets: { deliveryQueue: uniqueName('gw') } });
  const { port } = await app.start();
  return { url: `http://127.0.0.1:${port}`, app, stop: () => app.stop() };
}

export interface HttpReply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON call to the gateway. */
export async function call<T = { data?: unknown; error?: { code: string; message: string; details?: unknown } }>(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}
