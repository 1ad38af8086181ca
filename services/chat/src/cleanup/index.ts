export { serveCleanupHandlers } from './cleanup.handlers.ts';
