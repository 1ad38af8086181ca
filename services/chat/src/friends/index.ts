export { createFriendsEvents, type FriendsEvents } from './friends.events.ts';
export { serveFriendsHandlers } from './friends.handlers.ts';
export { createFriendsRepository, type FriendsRepository } from './friends.repository.ts';
export { createFriendsService, type FriendsService } from './friends.service.ts';
