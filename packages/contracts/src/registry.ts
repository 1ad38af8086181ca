import { authEvents, authRequests } from './auth/index.ts';
import { chatContracts } from './chat/index.ts';
import type {
  ClientSocketEventContract,
  EventContract,
  JobContract,
  RequestContract,
  SocketEventContract,
  WsFrameContract,
} from './define.ts';
import { cleanupRun } from './platform/cleanup.contract.ts';
import { getJwks } from './platform/jwks.contract.ts';
import { listMailbox } from './platform/mailbox.contract.ts';
import { emailSend, smsSend } from './platform/messaging.contract.ts';
import { socketDeliver, socketError } from './platform/socket-delivery.contract.ts';
import { socketRooms } from './platform/socket-rooms.contract.ts';
import { playcoContracts } from './playco/registry.ts';

/** Every contract of the platform: the gateway, the docs and the registry test read this. */
export const registry = {
  requests: [
    getJwks,
    ...authRequests,
    ...playcoContracts.requests,
    ...chatContracts.requests,
    listMailbox,
  ] as RequestContract[],
  events: [
    socketDeliver,
    socketRooms,
    ...authEvents,
    ...playcoContracts.events,
    ...chatContracts.events,
  ] as EventContract[],
  jobs: [cleanupRun, emailSend, smsSend, ...chatContracts.jobs] as JobContract[],
  socketEvents: [socketError, ...playcoContracts.socketEvents, ...chatContracts.socketEvents] as SocketEventContract[],
  /** Events clients emit that are not request contracts: the legacy protocols and socket-bound events. */
  clientSocketEvents: [
    ...playcoContracts.clientSocketEvents,
    ...chatContracts.clientSocketEvents,
  ] as ClientSocketEventContract[],
  /** Frames of the raw WebSocket endpoints, both ways. */
  wsFrames: [...chatContracts.wsFrames] as WsFrameContract[],
};
export type Registry = typeof registry;
