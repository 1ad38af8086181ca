export { consoleRoutes } from './console.routes.ts';
export { devMailboxRoutes } from './mailbox.routes.ts';
