import { createStore } from '@seed/runtime';
import { createFriendsRepository } from '../friends/index.ts';
import { createMessagesRepository } from '../messages/index.ts';
import { createReadsRepository } from '../reads/index.ts';
import { createRoomsRepository } from '../rooms/index.ts';
import type { Db } from './database.ts';

function repositories(db: Db) {
  return {
    friends: createFriendsRepository(db),
    rooms: createRoomsRepository(db),
    messages: createMessagesRepository(db),
    reads: createReadsRepository(db),
  };
}

/** Chat's repositories, and a way to run several of them in one transaction. */
export const createChatStore = (db: Db) => createStore(db, repositories);
export type ChatStore = ReturnType<typeof createChatStore>;
