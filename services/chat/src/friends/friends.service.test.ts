import { describe, expect, it } from 'vitest';
import { fakeUserDirectory, recordingEvents, sequentialIds, testUser } from '../../test/support/fakes.ts';
import type { FriendRequestRow, FriendsRepository } from './friends.repository.ts';
import { createFriendsService } from './friends.service.ts';

function fakeFriendsRepository() {
  const requests = new Map<string, FriendRequestRow>();
  const friends = new Set<string>();
  const blocks = new Set<string>();
  const key = (a: string, b: string) => `${a}>${b}`;
  const between = (from: string, to: string) =>
    [...requests.values()].find((r) => r.fromUserId === from && r.toUserId === to);
  const dropBetween = (a: string, b: string) => {
    const gone = [...requests.values()].filter(
      (r) => (r.fromUserId === a && r.toUserId === b) || (r.fromUserId === b && r.toUserId === a),
    );
    for (const r of gone) requests.delete(r.id);
    return gone;
  };
  return {
    async friendsOf(userId: string) {
      return [...friends]
        .filter((k) => k.startsWith(`${userId}>`))
        .map((k) => ({ friendId: k.split('>')[1]!, since: new Date() }));
    },
    async areFriends(a: string, b: string) {
      return friends.has(key(a, b));
    },
    async requestsOf(userId: string) {
      return [...requests.values()].filter((r) => r.fromUserId === userId || r.toUserId === userId);
    },
    async requestById(id: string) {
      return requests.get(id);
    },
    requestBetween: async (from: string, to: string) => between(from, to),
    async createRequest(row: FriendRequestRow) {
      const existing = between(row.fromUserId, row.toUserId);
      if (existing) return { request: existing, created: false };
      requests.set(row.id, row);
      return { request: row, created: true };
    },
    async acceptRequest(requestId: string, toUserId: string) {
      const r = requests.get(requestId);
      if (!r || r.toUserId !== toUserId) return undefined;
      dropBetween(r.fromUserId, r.toUserId);
      friends.add(key(r.fromUserId, r.toUserId)).add(key(r.toUserId, r.fromUserId));
      return r;
    },
    async deleteRequest(requestId: string, side: 'from' | 'to', userId: string) {
      const r = requests.get(requestId);
      if (!r || (side === 'from' ? r.fromUserId : r.toUserId) !== userId) return undefined;
      requests.delete(requestId);
      return r;
    },
    async removeFriendship(a: string, b: string) {
      const had = friends.delete(key(a, b));
      friends.delete(key(b, a));
      return had;
    },
    async block(blocker: string, blocked: string) {
      blocks.add(key(blocker, blocked));
      const wereFriends = friends.delete(key(blocker, blocked));
      friends.delete(key(blocked, blocker));
      return { wereFriends, requests: dropBetween(blocker, blocked) };
    },
    async unblock(blocker: string, blocked: string) {
      return blocks.delete(key(blocker, blocked));
    },
    async hasBlocked(blocker: string, blocked: string) {
      return blocks.has(key(blocker, blocked));
    },
    async removeUser(userId: string) {
      const formerFriends = [...friends].filter((k) => k.startsWith(`${userId}>`)).map((k) => k.split('>')[1]!);
      for (const k of [...friends]) if (k.split('>').includes(userId)) friends.delete(k);
      for (const k of [...blocks]) if (k.split('>').includes(userId)) blocks.delete(k);
      for (const r of [...requests.values()])
        if (r.fromUserId === userId || r.toUserId === userId) requests.delete(r.id);
      return formerFriends;
    },
    async blockedBy(blocker: string) {
      return [...blocks].filter((k) => k.startsWith(`${blocker}>`)).map((k) => k.split('>')[1]!);
    },
  } satisfies FriendsRepository;
}

function setup() {
  const users = fakeUserDirectory([testUser('1', 'ada'), testUser('2', 'bob'), testUser('3', 'cy')]);
  const recorder = recordingEvents();
  const service = createFriendsService({
    repo: fakeFriendsRepository(),
    users,
    presence: { onlineUsers: async (ids) => new Set(ids.filter((id) => id === '2')) },
    events: recorder.events,
    nextId: sequentialIds(),
  });
  return { service, recorder };
}

describe('friends', () => {
  it('sends a request by nickname that the other accepts, making both friends', async () => {
    const { service, recorder } = setup();
    const { request } = await service.send('1', 'BOB');
    expect(request?.to.nickname).toBe('bob');
    expect(recorder.of('friendRequestReceived')).toHaveLength(1);
    await service.accept('2', request!.id);
    expect((await service.list('1')).map((f) => [f.nickname, f.online])).toEqual([['bob', true]]);
    expect((await service.list('2')).map((f) => f.nickname)).toEqual(['ada']);
  });

  it('accepts the pending request of the other side instead of crossing them', async () => {
    const { service } = setup();
    await service.send('1', 'bob');
    const reply = await service.send('2', 'ada');
    expect(reply).toMatchObject({ request: null, friend: { nickname: 'ada' } });
    expect(await service.listRequests('1')).toEqual({ incoming: [], outgoing: [] });
  });

  it('returns the pending request when asked twice and announces it once', async () => {
    const { service, recorder } = setup();
    const first = await service.send('1', 'bob');
    const again = await service.send('1', 'bob');
    expect(again.request?.id).toBe(first.request?.id);
    expect(recorder.of('friendRequestReceived')).toHaveLength(1);
  });

  it('hides a user who blocked the caller, as if they did not exist', async () => {
    const { service } = setup();
    await service.block('2', '1');
    await expect(service.send('1', 'bob')).rejects.toMatchObject({ code: 'user_not_found' });
    await expect(service.send('2', 'ada')).rejects.toMatchObject({ code: 'user_blocked' });
  });

  it('ends the friendship when one blocks the other', async () => {
    const { service, recorder } = setup();
    const { request } = await service.send('1', 'bob');
    await service.accept('2', request!.id);
    await service.block('1', '2');
    expect(await service.list('2')).toEqual([]);
    expect(recorder.of('friendship').at(-1)?.args[0]).toMatchObject({ change: 'removed' });
  });

  it('refuses befriending oneself, unknown nicknames, friends again, and foreign requests', async () => {
    const { service } = setup();
    await expect(service.send('1', 'ada')).rejects.toMatchObject({ code: 'cannot_befriend_self' });
    await expect(service.send('1', 'nobody')).rejects.toMatchObject({ code: 'user_not_found' });
    const { request } = await service.send('1', 'bob');
    await expect(service.accept('3', request!.id)).rejects.toMatchObject({ code: 'friend_request_not_found' });
    await expect(service.cancel('2', request!.id)).rejects.toMatchObject({ code: 'friend_request_not_found' });
    await service.accept('2', request!.id);
    await expect(service.send('1', 'bob')).rejects.toMatchObject({ code: 'already_friends' });
  });

  it('forgets a deleted account and tells its friends', async () => {
    const { service, recorder } = setup();
    const { request } = await service.send('1', 'bob');
    await service.accept('2', request!.id);
    await service.send('3', 'ada');
    await service.forgetUser('1');
    expect(await service.list('2')).toEqual([]);
    expect(await service.listRequests('3')).toEqual({ incoming: [], outgoing: [] });
    expect(recorder.of('friendRemovedFor').map((c) => c.args)).toEqual([['2', '1']]);
  });
});
