export { attachSocketServer, type SocketServerConfig } from './attach.ts';
export {
  createPlaycoConnections,
  PLAYCO_EVENT_RATE,
  type PlaycoConnections,
  type PlaycoSocketOptions,
  playcoSocketModule,
} from './playco/index.ts';
export type { PresenceRecorder } from './presence-tracker.ts';
export type { GatewayServer } from './socket-data.ts';
export type { SocketModule } from './socket-module.ts';
export { createTokenBucket } from './token-bucket.ts';
