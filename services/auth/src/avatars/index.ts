export { createAvatarStorage } from './avatar-storage.ts';
export { serveAvatarsHandlers } from './avatars.handlers.ts';
export { createAvatarsRepository } from './avatars.repository.ts';
export type { AvatarsService } from './avatars.service.ts';
