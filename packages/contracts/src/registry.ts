import type { EventContract, JobContract, RequestContract, SocketEventContract } from './define.ts';
import { cleanupRun } from './platform/cleanup.contract.ts';
import { getJwks } from './platform/jwks.contract.ts';
import { socketDeliver, socketError } from './platform/socket-delivery.contract.ts';

/** Every contract of the platform: the gateway, the docs and the registry test read this. */
export const registry = {
  requests: [getJwks] as RequestContract[],
  events: [socketDeliver] as EventContract[],
  jobs: [cleanupRun] as JobContract[],
  socketEvents: [socketError] as SocketEventContract[],
};
export type Registry = typeof registry;
