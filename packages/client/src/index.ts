export { ApiError, isApiError } from './api-error.ts';
export type {
  CallOptions,
  ClientEvents,
  HttpApi,
  HttpContract,
  InputOf,
  Paging,
  ReplyOf,
  ServerEvents,
  UploadDomain,
  UploadPurposes,
  UploadView,
} from './api-types.ts';
export { type ClientOptions, createClient, type SeedClient } from './client.ts';
export { type SeedSocket, SOCKET_PATH, type SocketOptions } from './socket.ts';
export type { TokenStore, Tokens } from './tokens.ts';
export type { UploadInput } from './uploads.ts';
