import { errorStatus, type RequestContract } from '@seed/contracts';
import {
  type MetricsRegistry,
  outcomeOf,
  processRegistry,
  type RequestOutcome,
  sharedCounter,
  sharedGauge,
} from '@seed/runtime';
import type { Event } from 'socket.io';
import type { GatewayNamespace, GatewayServer, GatewaySocket } from './socket-data.ts';

/** Outcome of an event: from its acknowledgement, or `unacknowledged` when the client asked for none. */
export type SocketEventOutcome = RequestOutcome | 'unacknowledged';

/** The event label of names nobody serves: clients choose event names, so they cannot be label values. */
export const UNKNOWN_EVENT = 'unknown';

// The socket servers of this process per registry, counted at scrape time.
const serversOf = new WeakMap<MetricsRegistry, Set<GatewayServer>>();

/**
 * `seed_sockets_connected{namespace}` (counted when scraped, nothing per connection) and
 * `seed_socket_events_total{event, outcome}` for every event a client emits. The event label is
 * the name of a contract or of an event some handler listens to, else `unknown`. Call before the
 * connection handlers of `/` are added, so the events are seen before the dispatcher answers them.
 */
export function observeSocketMetrics(
  io: GatewayServer,
  contracts: Map<string, RequestContract>,
  registry: MetricsRegistry = processRegistry,
): void {
  let servers = serversOf.get(registry);
  if (!servers) {
    const tracked = new Set<GatewayServer>();
    servers = tracked;
    serversOf.set(registry, tracked);
    sharedGauge(registry, {
      name: 'seed_sockets_connected',
      help: 'Sockets connected to the gateway, by namespace',
      labelNames: ['namespace'],
      collect() {
        this.reset();
        for (const server of tracked)
          for (const [namespace, nsp] of server._nsps) this.inc({ namespace }, nsp.sockets.size);
      },
    });
  }
  servers.add(io);
  io.httpServer?.once('close', () => servers.delete(io));

  const events = sharedCounter(registry, {
    name: 'seed_socket_events_total',
    help: 'Events emitted by socket clients, by outcome (from the acknowledgement)',
    labelNames: ['event', 'outcome'],
  });
  const labelsByEvent = new Map<string, Record<SocketEventOutcome, { event: string; outcome: SocketEventOutcome }>>();
  const labelsOf = (event: string) => {
    let labels = labelsByEvent.get(event);
    if (!labels) {
      const of = (outcome: SocketEventOutcome) => ({ event, outcome });
      labels = {
        ok: of('ok'),
        client_error: of('client_error'),
        server_error: of('server_error'),
        unacknowledged: of('unacknowledged'),
      };
      labelsByEvent.set(event, labels);
    }
    return labels;
  };

  const count = (socket: GatewaySocket) =>
    socket.use((packet: Event, next) => {
      const name = packet[0];
      const labels = labelsOf(
        typeof name === 'string' && (contracts.has(name) || socket.listeners(name).length > 0) ? name : UNKNOWN_EVENT,
      );
      const last = packet.length - 1;
      const ack: unknown = packet[last];
      if (last === 0 || typeof ack !== 'function') {
        events.inc(labels.unacknowledged);
        return next();
      }
      packet[last] = (...reply: unknown[]) => {
        events.inc(labels[ackOutcome(reply[0])]);
        return ack(...reply);
      };
      next();
    });

  const watch = (nsp: GatewayNamespace) => nsp.on('connection', count);
  for (const nsp of io._nsps.values()) watch(nsp);
  io.on('new_namespace', watch);
}

/**
 * An acknowledgement's outcome: `{ok, error: {code}}` (the contract events and most modules) by
 * the code's status, a legacy envelope `{success, code}` by its numeric code.
 */
export function ackOutcome(body: unknown): RequestOutcome {
  if (typeof body !== 'object' || body === null) return 'ok';
  const reply = body as { ok?: unknown; success?: unknown; code?: unknown; error?: { code?: unknown } };
  if (reply.ok === true || reply.success === true) return 'ok';
  if (typeof reply.code === 'number') return outcomeOf(reply.code);
  if (reply.ok !== false) return 'ok';
  const code = reply.error?.code;
  const status = typeof code === 'string' ? (errorStatus as Record<string, number>)[code] : undefined;
  return outcomeOf(status ?? 400);
}
