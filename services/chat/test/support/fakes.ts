import type { ChatUser } from '@seed/contracts';
import type { FriendsEvents } from '../../src/friends/index.ts';
import type { MessagesEvents } from '../../src/messages/index.ts';
import type { ReadsEvents } from '../../src/reads/index.ts';
import type { RoomsEvents } from '../../src/rooms/index.ts';
import type { UserDirectory } from '../../src/users/index.ts';

type ChatEvents = FriendsEvents & MessagesEvents & ReadsEvents & RoomsEvents;

/** Users as auth would know them. */
export function fakeUserDirectory(users: ChatUser[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    add(user: ChatUser) {
      byId.set(user.id, user);
    },
    async getMany(ids) {
      return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])));
    },
    async findByNickname(nickname) {
      return [...byId.values()].find((u) => u.nickname.toLowerCase() === nickname.toLowerCase());
    },
  } satisfies UserDirectory & { add(user: ChatUser): void };
}

export const testUser = (id: string, nickname: string): ChatUser => ({ id, nickname, name: null, avatarUrl: null });

/** Records what chat's features would have published. */
export function recordingEvents() {
  const calls: { method: keyof ChatEvents; args: unknown[] }[] = [];
  const record =
    (method: keyof ChatEvents) =>
    (...args: unknown[]) =>
      void calls.push({ method, args });
  const events: ChatEvents = {
    messageChanged: record('messageChanged'),
    joinedRoom: record('joinedRoom'),
    leftRoom: record('leftRoom'),
    members: record('members'),
    roomUpdated: record('roomUpdated'),
    invitation: record('invitation'),
    typing: record('typing'),
    read: record('read'),
    friendRequestReceived: record('friendRequestReceived'),
    friendship: record('friendship'),
    blocksChanged: record('blocksChanged'),
    friendRemovedFor: record('friendRemovedFor'),
  };
  return { events, calls, of: (method: keyof ChatEvents) => calls.filter((c) => c.method === method) };
}

export function sequentialIds(start = 1000) {
  let n = start;
  return () => String(++n);
}
