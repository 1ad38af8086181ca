export { checkMember, type RoomAccess, roomAccess } from './room-access.ts';
export { openRoomState } from './room-model.ts';
export { createRoomsEvents, type MemberChangeKind, type RoomsEvents } from './rooms.events.ts';
export { serveRoomsHandlers } from './rooms.handlers.ts';
export {
  createRoomsRepository,
  type MemberRow,
  type RoomRow,
  type RoomsRepository,
  UNREAD_CAP,
} from './rooms.repository.ts';
export { createRoomsService, type RoomsService } from './rooms.service.ts';
