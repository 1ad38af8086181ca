export { serveItemsHandlers } from './items.handlers.ts';
export { createItemsService, type ItemsService } from './items.service.ts';
