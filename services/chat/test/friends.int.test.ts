import {
  acceptFriendRequest,
  blockUser,
  cancelFriendRequest,
  declineFriendRequest,
  listBlocks,
  listFriendRequests,
  listFriends,
  listMessages,
  openDirectRoom,
  removeFriend,
  sendFriendRequest,
  sendMessage,
  unblockUser,
} from '@seed/contracts';
import { describe, expect } from '@seed/testkit';
import { type ChatWorld, test } from './support/fixtures.ts';

describe('friends over NATS', () => {
  let world: ChatWorld;
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
  });

  test('befriends by nickname: the addressee hears the request, both hear the acceptance', async () => {
    const ada = world.user('ada_f1');
    const bob = world.user('bob_f1');
    await world.online(bob.id);
    const { request } = await ada.call(sendFriendRequest, { nickname: 'BOB_F1' });
    expect(world.deliveredTo(bob.id, 'friends:request:received')).toHaveLength(1);
    expect((await bob.call(listFriendRequests, {})).incoming.map((r) => r.from.id)).toEqual([ada.id]);
    await bob.call(acceptFriendRequest, { requestId: request!.id });
    expect(world.deliveredTo(ada.id, 'friends:request:accepted')).toHaveLength(1);
    expect(world.deliveredTo(bob.id, 'friends:request:accepted')).toHaveLength(1);
    const friends = await ada.call(listFriends, {});
    expect(friends.map((f) => [f.id, f.online])).toEqual([[bob.id, true]]);
    await bob.call(removeFriend, { userId: ada.id });
    expect(await ada.call(listFriends, {})).toEqual([]);
    expect(world.deliveredTo(ada.id, 'friends:removed')).toHaveLength(1);
  });

  test('lets the addressee decline and the sender cancel', async () => {
    const ada = world.user('ada_f2');
    const bob = world.user('bob_f2');
    const first = await ada.call(sendFriendRequest, { nickname: bob.nickname });
    await bob.call(declineFriendRequest, { requestId: first.request!.id });
    const second = await ada.call(sendFriendRequest, { nickname: bob.nickname });
    await expect(bob.call(cancelFriendRequest, { requestId: second.request!.id })).rejects.toMatchObject({
      code: 'friend_request_not_found',
    });
    await ada.call(cancelFriendRequest, { requestId: second.request!.id });
    expect(await bob.call(listFriendRequests, {})).toEqual({ incoming: [], outgoing: [] });
  });

  test('keeps a blocked user from requesting friendship or opening a direct room', async () => {
    const ada = world.user('ada_f3');
    const bob = world.user('bob_f3');
    await ada.call(blockUser, { userId: bob.id });
    expect((await ada.call(listBlocks, {})).map((u) => u.id)).toEqual([bob.id]);
    await expect(bob.call(sendFriendRequest, { nickname: ada.nickname })).rejects.toMatchObject({
      code: 'user_not_found',
    });
    await expect(bob.call(openDirectRoom, { userId: ada.id })).rejects.toMatchObject({ code: 'user_not_found' });
    await expect(ada.call(openDirectRoom, { userId: bob.id })).rejects.toMatchObject({ code: 'user_not_found' });
    await ada.call(unblockUser, { userId: bob.id });
    await expect(bob.call(openDirectRoom, { userId: ada.id })).resolves.toMatchObject({ kind: 'direct' });
  });

  test('keeps both sides of a block from writing into the direct room they already had', async () => {
    const ada = world.user('ada_f5');
    const bob = world.user('bob_f5');
    const room = await bob.call(openDirectRoom, { userId: ada.id });
    const say = (who: typeof ada, text: string) =>
      who.call(sendMessage, { roomId: room.id, clientMsgId: `${who.id}-${text}`, kind: 'text', text });
    await say(bob, 'before');
    await ada.call(blockUser, { userId: bob.id });
    // The blocked user finds nobody there; the blocker is told to unblock.
    await expect(say(bob, 'after')).rejects.toMatchObject({ code: 'user_not_found' });
    await expect(say(ada, 'mine')).rejects.toMatchObject({ code: 'user_blocked' });
    // The history stays readable.
    expect((await bob.call(listMessages, { roomId: room.id, limit: 10 })).data.map((m) => m.text)).toEqual(['before']);
    await ada.call(unblockUser, { userId: bob.id });
    await expect(say(bob, 'again')).resolves.toMatchObject({ text: 'again' });
  });

  test('answers bad input with typed errors', async () => {
    const ada = world.user('ada_f4');
    await expect(ada.call(sendFriendRequest, { nickname: 'x' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(ada.call(sendFriendRequest, { nickname: 'nobody_here' })).rejects.toMatchObject({
      code: 'user_not_found',
    });
    await expect(ada.call(acceptFriendRequest, { requestId: 'abc' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(ada.call(blockUser, { userId: ada.id })).rejects.toMatchObject({ code: 'cannot_befriend_self' });
  });
});
