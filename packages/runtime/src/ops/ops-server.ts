import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { collectProcessMetrics, processRegistry } from './process-registry.ts';

export type ReadinessCheck = () => Promise<boolean> | boolean;

export interface OpsServer {
  /** What `/metrics` serves: `processRegistry` unless another was given. */
  registry: Registry;
  /** From now on /readyz answers 503, so load balancers stop sending work. */
  setDraining(): void;
  port(): number;
  close(): Promise<void>;
}

/**
 * The process's operator port: `/healthz` (alive), `/readyz` (every connection up and not
 * draining), `/metrics` (Prometheus: the process registry, with Node's own metrics and a
 * `service` label on every series that has none).
 */
export async function startOpsServer(opts: {
  port: number;
  service: string;
  checks: Record<string, ReadinessCheck>;
  host?: string;
  registry?: Registry;
}): Promise<OpsServer> {
  const registry = opts.registry ?? processRegistry;
  registry.setDefaultLabels({ service: opts.service });
  collectProcessMetrics(registry);
  let draining = false;

  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.url === '/healthz') return reply(200, { status: 'ok' });
    if (req.url === '/readyz') {
      const results = await readiness(opts.checks);
      const ready = !draining && Object.values(results).every(Boolean);
      return reply(ready ? 200 : 503, {
        status: ready ? 'ready' : draining ? 'draining' : 'not_ready',
        checks: results,
      });
    }
    if (req.url === '/metrics') return reply(200, await registry.metrics(), registry.contentType);
    reply(404, { error: { code: 'route_not_found', message: 'not found' } });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '0.0.0.0', resolve));

  return {
    registry,
    setDraining: () => {
      draining = true;
    },
    port: () => (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function readiness(checks: Record<string, ReadinessCheck>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false).unref());
      return [name, await Promise.race([Promise.resolve(check()).catch(() => false), timeout])] as const;
    }),
  );
  return Object.fromEntries(entries);
}
