export { serveCleanupHandlers } from './cleanup.handlers.ts';
export { type CleanupService, createCleanupService } from './cleanup.service.ts';
