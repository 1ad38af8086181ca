export { createReadsEvents, type ReadsEvents } from './reads.events.ts';
export { serveReadsHandlers } from './reads.handlers.ts';
export { createReadsRepository, type ReadsRepository } from './reads.repository.ts';
export { createReadsService, type ReadsService } from './reads.service.ts';
