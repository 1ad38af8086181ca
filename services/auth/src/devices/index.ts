export { serveDevicesHandlers } from './devices.handlers.ts';
export { createDevicesRepository } from './devices.repository.ts';
export { createDevicesService, type DevicesService } from './devices.service.ts';
