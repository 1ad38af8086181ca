export { serveSioTokensHandlers } from './sio-tokens.handlers.ts';
export { createSioTokensRepository, type SioTokensRepository } from './sio-tokens.repository.ts';
export { createSioTokens, type SioTokens } from './sio-tokens.service.ts';
