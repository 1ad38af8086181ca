export { createAccountUnlock, type Unlocked } from './account-unlock.ts';
export { createRefreshSuccessors } from './refresh-successors.ts';
export { createRevocations, type Revocations } from './revocations.ts';
export { startRevocationsReload } from './revocations-reload.ts';
export { serveSessionsHandlers } from './sessions.handlers.ts';
export { createSessionsRepository } from './sessions.repository.ts';
export { type ClientInfo, createSessionsService, type SessionsService } from './sessions.service.ts';
