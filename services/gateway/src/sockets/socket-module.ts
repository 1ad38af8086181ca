import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import type { DomainEvents } from '../events/index.ts';
import type { PresenceRecorder } from './presence-tracker.ts';
import type { GatewayServer, GatewaySocket } from './socket-data.ts';

/** What a socket module gets from the socket server it plugs into. */
export interface SocketModuleContext {
  io: GatewayServer;
  nc: NatsConnection;
  redis: Redis;
  logger: Logger;
  /** This replica's name in shared state. */
  replicaId: string;
  /** A module's own authenticated connections count as its users being online (no push for them). */
  presence: PresenceRecorder;
  /** Domain events, for the module to show to its own connections. */
  events: DomainEvents;
}

export interface AttachedSocketModule {
  /** Each authenticated socket on `/`, after the contract events are bound. */
  onConnection?(socket: GatewaySocket): void;
  /** Before the server drops its sockets. */
  close?(): Promise<void>;
}

/**
 * A protocol served beside the contract events, which plain request contracts cannot express (a
 * legacy namespace with its own envelopes, events that need the socket itself). Listeners a module
 * adds on `/` sockets take their events from the contract dispatcher.
 */
export interface SocketModule {
  name: string;
  attach(ctx: SocketModuleContext): AttachedSocketModule | Promise<AttachedSocketModule>;
}
