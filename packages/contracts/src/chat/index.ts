import { defineServiceCleanup } from '../platform/service-cleanup.contract.ts';
import { defineSocketRoomsSource } from '../platform/socket-rooms.contract.ts';
import { chatEvents, chatSocketEvents } from './chat-events.contract.ts';
import { friendsRequests } from './friends.contract.ts';
import { rewindFrames } from './legacy-rewind.contract.ts';
import { legacyRoomsClientEvents, legacyRoomsSocketEvents } from './legacy-rooms.contract.ts';
import { messagesRequests } from './messages.contract.ts';
import { pushSend } from './push-job.contract.ts';
import { roomsRequests } from './rooms.contract.ts';
import { completeChatUpload, createChatUpload } from './uploads.contract.ts';

export * from './chat-events.contract.ts';
export * from './chat-models.ts';
export * from './friends.contract.ts';
export * from './legacy-rewind.contract.ts';
export * from './legacy-rooms.contract.ts';
export * from './messages.contract.ts';
export * from './push-job.contract.ts';
export * from './rooms.contract.ts';
export * from './uploads.contract.ts';

/** Served by chat; called by the worker's `jobs.cleanup.run`: removes open rooms long closed. */
export const chatCleanup = defineServiceCleanup('chat');

/**
 * Served by chat; asked by the gateway as a socket connects: `room:<id>` of every room the user is a
 * member of, where chat delivers what happens in a room.
 */
export const chatSocketRooms = defineSocketRoomsSource('chat');

/** Every chat contract, for the registry. */
export const chatContracts = {
  requests: [
    ...friendsRequests,
    ...roomsRequests,
    ...messagesRequests,
    createChatUpload,
    completeChatUpload,
    chatCleanup,
    chatSocketRooms,
  ],
  events: chatEvents,
  jobs: [pushSend],
  socketEvents: [...chatSocketEvents, ...legacyRoomsSocketEvents],
  clientSocketEvents: legacyRoomsClientEvents,
  wsFrames: rewindFrames,
};
