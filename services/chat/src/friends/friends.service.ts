import type { ChatUser, Friend, FriendRequest } from '@seed/contracts';
import { AppError, type PresenceReader } from '@seed/runtime';
import { type UserDirectory, unknownUser } from '../users/index.ts';
import type { FriendsEvents } from './friends.events.ts';
import type { FriendRequestRow, FriendsRepository } from './friends.repository.ts';

export interface FriendsDeps {
  repo: FriendsRepository;
  users: UserDirectory;
  presence: Pick<PresenceReader, 'onlineUsers'>;
  events: FriendsEvents;
  nextId: () => string;
}

/** Friends, friend requests and blocks. A user who blocked the caller does not exist for them. */
export function createFriendsService(deps: FriendsDeps) {
  const { repo, users, events } = deps;

  async function userOrThrow(id: string): Promise<ChatUser> {
    const user = (await users.getMany([id])).get(id);
    if (!user) throw new AppError('user_not_found', 'no such user');
    return user;
  }

  async function describe(rows: FriendRequestRow[]): Promise<FriendRequest[]> {
    const known = await users.getMany(rows.flatMap((r) => [r.fromUserId, r.toUserId]));
    const user = (id: string) => known.get(id) ?? unknownUser(id);
    return rows.map((r) => ({
      id: r.id,
      from: user(r.fromUserId),
      to: user(r.toUserId),
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function accept(userId: string, requestId: string) {
    const request = await repo.acceptRequest(requestId, userId);
    if (!request) throw new AppError('friend_request_not_found', 'no such friend request');
    const known = await users.getMany([request.fromUserId, userId]);
    const me = known.get(userId) ?? unknownUser(userId);
    const friend = known.get(request.fromUserId) ?? unknownUser(request.fromUserId);
    events.friendship({ change: 'accepted', actor: me, target: friend, requestId });
    return { friend };
  }

  const service = {
    async list(userId: string): Promise<Friend[]> {
      const rows = await repo.friendsOf(userId);
      const ids = rows.map((r) => r.friendId);
      const [known, online] = await Promise.all([users.getMany(ids), deps.presence.onlineUsers(ids)]);
      return rows
        .filter((r) => known.has(r.friendId))
        .map((r) => ({
          ...(known.get(r.friendId) as ChatUser),
          online: online.has(r.friendId),
          since: r.since.toISOString(),
        }));
    },

    async listRequests(userId: string) {
      const all = await describe(await repo.requestsOf(userId));
      return { incoming: all.filter((r) => r.to.id === userId), outgoing: all.filter((r) => r.from.id === userId) };
    },

    async send(userId: string, nickname: string): Promise<{ request: FriendRequest | null; friend: ChatUser | null }> {
      const target = await users.findByNickname(nickname);
      if (!target) throw new AppError('user_not_found', 'no user has that nickname');
      if (target.id === userId) throw new AppError('cannot_befriend_self', 'you cannot befriend yourself');
      if (await repo.hasBlocked(target.id, userId)) throw new AppError('user_not_found', 'no user has that nickname');
      if (await repo.hasBlocked(userId, target.id)) throw new AppError('user_blocked', 'you blocked this user');
      if (await repo.areFriends(userId, target.id)) throw new AppError('already_friends', 'you are friends already');
      const theirs = await repo.requestBetween(target.id, userId);
      if (theirs) {
        const accepted = await accept(userId, theirs.id).catch((err) => {
          if (err instanceof AppError && err.code === 'friend_request_not_found') return undefined;
          throw err;
        });
        if (accepted) return { request: null, friend: accepted.friend };
      }
      const { request, created } = await repo.createRequest({
        id: deps.nextId(),
        fromUserId: userId,
        toUserId: target.id,
        createdAt: new Date(),
      });
      const [described] = await describe([request]);
      if (created) {
        events.friendRequestReceived(described!);
        events.friendship({ change: 'requested', actor: described!.from, target, requestId: request.id });
      }
      return { request: described!, friend: null };
    },

    accept,

    async decline(userId: string, requestId: string) {
      const request = await repo.deleteRequest(requestId, 'to', userId);
      if (!request) throw new AppError('friend_request_not_found', 'no such friend request');
      const [described] = await describe([request]);
      events.friendship({ change: 'declined', actor: described!.to, target: described!.from, requestId });
      return {};
    },

    async cancel(userId: string, requestId: string) {
      const request = await repo.deleteRequest(requestId, 'from', userId);
      if (!request) throw new AppError('friend_request_not_found', 'no such friend request');
      const [described] = await describe([request]);
      events.friendship({ change: 'cancelled', actor: described!.from, target: described!.to, requestId });
      return {};
    },

    async remove(userId: string, friendId: string) {
      if (!(await repo.removeFriendship(userId, friendId))) return {};
      const known = await users.getMany([userId, friendId]);
      events.friendship({
        change: 'removed',
        actor: known.get(userId) ?? unknownUser(userId),
        target: known.get(friendId) ?? unknownUser(friendId),
      });
      return {};
    },

    async listBlocks(userId: string): Promise<ChatUser[]> {
      const ids = await repo.blockedBy(userId);
      const known = await users.getMany(ids);
      return ids.map((id) => known.get(id) ?? unknownUser(id));
    },

    async block(userId: string, targetId: string) {
      if (targetId === userId) throw new AppError('cannot_befriend_self', 'you cannot block yourself');
      const target = await userOrThrow(targetId);
      const me = (await users.getMany([userId])).get(userId) ?? unknownUser(userId);
      const { wereFriends, requests } = await repo.block(userId, targetId);
      // The blocked user sees what an unfriend or a withdrawn request looks like, nothing more.
      if (wereFriends) events.friendship({ change: 'removed', actor: me, target });
      for (const r of requests)
        events.friendship({
          change: r.fromUserId === userId ? 'cancelled' : 'declined',
          actor: me,
          target,
          requestId: r.id,
        });
      events.blocksChanged(userId, targetId, true);
      return {};
    },

    async unblock(userId: string, targetId: string) {
      if (await repo.unblock(userId, targetId)) events.blocksChanged(userId, targetId, false);
      return {};
    },

    /** A deleted account: its friends see it go, its requests and blocks are forgotten. */
    async forgetUser(userId: string) {
      for (const friendId of await repo.removeUser(userId)) events.friendRemovedFor(friendId, userId);
    },

    /** True when either user blocked the other. */
    async blockedEitherWay(a: string, b: string): Promise<boolean> {
      return (await repo.hasBlocked(a, b)) || (await repo.hasBlocked(b, a));
    },

    hasBlocked: (blockerId: string, blockedId: string): Promise<boolean> => repo.hasBlocked(blockerId, blockedId),

    areFriends: (a: string, b: string): Promise<boolean> => repo.areFriends(a, b),
  };

  const sameName = (name: string) => (user: ChatUser) => user.nickname.toLowerCase() === name.toLowerCase();

  return {
    ...service,

    /** Accepts the pending request from the user called `nickname`. */
    async acceptFrom(userId: string, nickname: string) {
      const { incoming } = await service.listRequests(userId);
      const found = incoming.find((r) => sameName(nickname)(r.from));
      if (!found) throw new AppError('friend_request_not_found', `no request from ${nickname}`);
      return accept(userId, found.id);
    },

    /** Withdraws the request to the user called `nickname`, or else declines theirs. */
    async withdrawWith(userId: string, nickname: string) {
      const { incoming, outgoing } = await service.listRequests(userId);
      const mine = outgoing.find((r) => sameName(nickname)(r.to));
      const theirs = incoming.find((r) => sameName(nickname)(r.from));
      if (mine) return service.cancel(userId, mine.id);
      if (theirs) return service.decline(userId, theirs.id);
      throw new AppError('friend_request_not_found', `no request with ${nickname}`);
    },

    /** Ends the friendship with the friend called `nickname`. */
    async removeNamed(userId: string, nickname: string) {
      const friend = (await service.list(userId)).find(sameName(nickname));
      if (!friend) throw new AppError('user_not_found', `${nickname} is not a friend`);
      return service.remove(userId, friend.id);
    },
  };
}

export type FriendsService = ReturnType<typeof createFriendsService>;
