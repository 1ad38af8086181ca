import type { ChatUser } from '@seed/contracts';
import type { ChatNotifier } from '../../src/delivery/chat-notifier.ts';
import type { UserDirectory } from '../../src/users/user-directory.ts';

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

/** Records what would have reached sockets. */
export function recordingNotifier() {
  const calls: { method: keyof ChatNotifier; args: unknown[] }[] = [];
  const record =
    (method: keyof ChatNotifier) =>
    (...args: unknown[]) =>
      void calls.push({ method, args });
  const notifier: ChatNotifier = {
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
  return { notifier, calls, of: (method: keyof ChatNotifier) => calls.filter((c) => c.method === method) };
}

export function sequentialIds(start = 1000) {
  let n = start;
  return () => String(++n);
}
