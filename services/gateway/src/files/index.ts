export { localFileRoutes } from './local-files.routes.ts';
