import type { SessionsService } from './sessions.service.ts';

export { startConnectionSweeper } from './connection-sweeper.ts';
export { createSessionEvents, type SessionEvents } from './sessions.events.ts';
export { serveSessionsHandlers } from './sessions.handlers.ts';
export { createSessionsRepository, type SessionsRepository, type StoredMember } from './sessions.repository.ts';
export { createSessionsService, type SessionsService } from './sessions.service.ts';

/** What other features may ask of sessions: whether a connection is a member of a playlist's session. */
export type SessionMembership = Pick<SessionsService, 'memberOf' | 'isMember'>;
