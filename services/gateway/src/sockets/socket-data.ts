import type { Caller } from '@seed/runtime';
import type { DefaultEventsMap, Namespace, Server, Socket } from 'socket.io';

/** What the gateway keeps on each authenticated socket. */
export interface SocketData {
  caller: Caller;
  /** Epoch ms at which the handshake's access token expires, when it says. */
  tokenExpiresAt?: number;
}

export type GatewayServer = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type GatewayNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type GatewaySocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/** The room every socket of a user joins. */
export const userSocketRoom = (userId: string): string => `user:${userId}`;
/** The room every socket opened with one session's token joins (to end them when it is revoked). */
export const sessionSocketRoom = (sessionId: string): string => `session:${sessionId}`;
