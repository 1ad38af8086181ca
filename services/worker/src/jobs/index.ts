export { createCleanupHandler } from './cleanup.handler.ts';
export { type JobHost, serveJobsHandlers } from './jobs.handlers.ts';
export { createSmsSendHandler } from './sms-send.handler.ts';
