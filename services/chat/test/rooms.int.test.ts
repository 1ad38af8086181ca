import {
  acceptFriendRequest,
  acceptInvitation,
  chatCleanup,
  chatSocketRooms,
  createRoom,
  declineInvitation,
  getRoom,
  inviteMember,
  joinRoom,
  kickMember,
  leaveRoom,
  listFriends,
  listInvitations,
  listMembers,
  listRooms,
  openDirectRoom,
  resolveRewindChat,
  rewindDirectChatId,
  sendFriendRequest,
  transferOwnership,
  updateRoom,
  userDeleted,
} from '@seed/contracts';
import { publishEvent, request } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { type ChatWorld, test } from './support/fixtures.ts';

describe('rooms over NATS', () => {
  let world: ChatWorld;
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
  });

  test('gives a pair one direct room, whoever opens it and however often', async () => {
    const ada = world.user('ada_r1');
    const bob = world.user('bob_r1');
    const rooms = await Promise.all([
      ada.call(openDirectRoom, { userId: bob.id }),
      bob.call(openDirectRoom, { userId: ada.id }),
      ada.call(openDirectRoom, { userId: bob.id }),
    ]);
    expect(new Set(rooms.map((r) => r.id)).size).toBe(1);
    expect(rooms[0]).toMatchObject({ kind: 'direct', memberCount: 2, ownerId: null });
    const [listed] = await bob.call(listRooms, {});
    expect(listed).toMatchObject({ id: rooms[0]!.id, peer: { id: ada.id }, unreadCount: 0 });
  });

  test('resolves a REWIND chat_id: a room of the caller by id, a friend’s DM by the XOR of the two ids', async () => {
    const ada = world.user('ada_r9');
    const bob = world.user('bob_r9');
    const eve = world.user('eve_r9');
    const xor = rewindDirectChatId(ada.id, bob.id);
    // Not friends and no DM yet: the XOR names nothing.
    await expect(ada.call(resolveRewindChat, { chatId: xor })).rejects.toMatchObject({ code: 'room_not_found' });
    const { request } = await ada.call(sendFriendRequest, { nickname: bob.nickname });
    await bob.call(acceptFriendRequest, { requestId: request!.id });
    const fromAda = await ada.call(resolveRewindChat, { chatId: xor });
    const fromBob = await bob.call(resolveRewindChat, { chatId: xor });
    expect(fromAda).toEqual(fromBob);
    expect(fromAda.chatId).toBe(xor);
    const room = await ada.call(openDirectRoom, { userId: bob.id });
    expect(fromAda.roomId).toBe(room.id);
    // The room's own id names it too, answered with its XOR chat_id.
    expect(await bob.call(resolveRewindChat, { chatId: room.id })).toEqual({ roomId: room.id, chatId: xor });
    // For anyone else the same number names nothing of theirs.
    await expect(eve.call(resolveRewindChat, { chatId: xor })).rejects.toMatchObject({ code: 'room_not_found' });
    await expect(eve.call(resolveRewindChat, { chatId: room.id })).rejects.toMatchObject({ code: 'room_not_found' });
    await expect(eve.call(resolveRewindChat, { chatId: '9223372036854775807' })).rejects.toMatchObject({
      code: 'room_not_found',
    });
    // Beyond the 64-bit range it is no id at all.
    await expect(eve.call(resolveRewindChat, { chatId: '99999999999999999999' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const group = await ada.call(createRoom, { kind: 'group', name: 'g', inviteUserIds: [] });
    expect(await ada.call(resolveRewindChat, { chatId: group.id })).toEqual({ roomId: group.id, chatId: group.id });
  });

  test('runs a group: invitation the invitee accepts, owner transfer, kick and leave', async () => {
    const owner = world.user('own_r2');
    const bob = world.user('bob_r2');
    const cy = world.user('cy_r2');
    const room = await owner.call(createRoom, { kind: 'group', name: 'team', inviteUserIds: [bob.id] });
    await expect(bob.call(getRoom, { roomId: room.id })).rejects.toMatchObject({ code: 'not_a_member' });
    const [invitation] = await bob.call(listInvitations, {});
    expect(invitation).toMatchObject({ room: { id: room.id }, invitedBy: { id: owner.id } });
    expect(world.deliveredTo(bob.id, 'chat:invitation:received')).toHaveLength(1);
    await bob.call(acceptInvitation, { invitationId: invitation!.id });
    expect(world.deliveredTo(owner.id, 'chat:room:members').at(-1)?.data).toMatchObject({ change: 'joined' });

    await expect(bob.call(inviteMember, { roomId: room.id, userId: cy.id })).rejects.toMatchObject({
      code: 'not_room_owner',
    });
    const cyInvite = await owner.call(inviteMember, { roomId: room.id, userId: cy.id });
    await cy.call(declineInvitation, { invitationId: cyInvite.id });
    await expect(cy.call(acceptInvitation, { invitationId: cyInvite.id })).rejects.toMatchObject({
      code: 'invitation_not_found',
    });

    await owner.call(transferOwnership, { roomId: room.id, userId: bob.id });
    await expect(owner.call(kickMember, { roomId: room.id, userId: bob.id })).rejects.toMatchObject({
      code: 'not_room_owner',
    });
    await bob.call(kickMember, { roomId: room.id, userId: owner.id });
    expect(world.deliveredTo(owner.id, 'chat:room:members').at(-1)?.data).toMatchObject({ change: 'kicked' });
    await expect(owner.call(listMembers, { roomId: room.id })).rejects.toMatchObject({ code: 'not_a_member' });
    const members = await bob.call(listMembers, { roomId: room.id });
    expect(members.map((m) => [m.id, m.role])).toEqual([[bob.id, 'owner']]);
    await bob.call(leaveRoom, { roomId: room.id });
    await expect(bob.call(getRoom, { roomId: room.id })).rejects.toMatchObject({ code: 'room_not_found' });
  });

  test('hands a group to the longest member when its owner leaves', async () => {
    const owner = world.user('own_r3');
    const bob = world.user('bob_r3');
    const room = await owner.call(createRoom, { kind: 'group', name: 'g', inviteUserIds: [bob.id] });
    const [inv] = await bob.call(listInvitations, {});
    await bob.call(acceptInvitation, { invitationId: inv!.id });
    await owner.call(leaveRoom, { roomId: room.id });
    expect(await bob.call(getRoom, { roomId: room.id })).toMatchObject({ ownerId: bob.id, memberCount: 1 });
  });

  test('lets anyone join an open room only while it is open', async () => {
    const owner = world.user('own_r4');
    const guest = world.user('guest_r4');
    const open = await owner.call(createRoom, { kind: 'open', name: 'lobby' });
    await guest.call(joinRoom, { roomId: open.id });
    await guest.call(joinRoom, { roomId: open.id });
    expect((await owner.call(getRoom, { roomId: open.id })).memberCount).toBe(2);

    const later = await owner.call(createRoom, {
      kind: 'open',
      name: 'later',
      opensAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await expect(guest.call(joinRoom, { roomId: later.id })).rejects.toMatchObject({ code: 'room_not_open' });
    const closing = await owner.call(createRoom, { kind: 'open', name: 'closing' });
    await owner.call(updateRoom, { roomId: closing.id, closesAt: new Date(Date.now() - 1000).toISOString() });
    await expect(guest.call(joinRoom, { roomId: closing.id })).rejects.toMatchObject({ code: 'room_expired' });

    const group = await owner.call(createRoom, { kind: 'group', name: 'private' });
    await expect(guest.call(joinRoom, { roomId: group.id })).rejects.toMatchObject({ code: 'room_kind_mismatch' });
    await expect(guest.call(joinRoom, { roomId: '1234567' })).rejects.toMatchObject({ code: 'room_not_found' });
  });

  test('tells a gateway the rooms of a user’s sockets, and keeps them current as the user joins and leaves', async () => {
    const owner = world.user('own_r8');
    const guest = world.user('guest_r8');
    const roomsOf = async (userId: string) => (await request(world.nc, chatSocketRooms, { userId })).rooms;
    const direct = await guest.call(openDirectRoom, { userId: owner.id });
    const open = await owner.call(createRoom, { kind: 'open', name: 'followed' });
    await owner.call(createRoom, { kind: 'group', name: 'not for the guest' });
    await guest.call(joinRoom, { roomId: open.id });
    expect((await roomsOf(guest.id)).sort()).toEqual([`room:${direct.id}`, `room:${open.id}`].sort());
    await eventually(() =>
      expect(world.roomsOfSockets(guest.id).sort()).toEqual([`room:${direct.id}`, `room:${open.id}`].sort()),
    );

    await guest.call(leaveRoom, { roomId: open.id });
    expect(await roomsOf(guest.id)).toEqual([`room:${direct.id}`]);
    await eventually(() => expect(world.roomsOfSockets(guest.id)).toEqual([`room:${direct.id}`]));
    expect(await roomsOf(world.user('nobody_r8').id)).toEqual([]);
  });

  test('removes open rooms some time after they closed', async () => {
    const owner = world.user('own_r5');
    const room = await owner.call(createRoom, { kind: 'open', name: 'old' });
    await owner.call(updateRoom, { roomId: room.id, closesAt: new Date(Date.now() - 60_000).toISOString() });
    const { purged } = await request(world.nc, chatCleanup, { period: 'p1' });
    expect(purged.openRooms).toBeGreaterThanOrEqual(1);
    await expect(owner.call(getRoom, { roomId: room.id })).rejects.toMatchObject({ code: 'room_not_found' });
  });

  test('refuses bad room input with typed errors', async () => {
    const ada = world.user('ada_r6');
    await expect(ada.call(createRoom, { kind: 'direct' as 'group', name: 'x' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(ada.call(createRoom, { kind: 'group', name: '' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      ada.call(createRoom, {
        kind: 'open',
        name: 'x',
        opensAt: '2026-01-02T00:00:00Z',
        closesAt: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(ada.call(getRoom, { roomId: 'not-a-number' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('deleted accounts', () => {
  let world: ChatWorld;
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
  });

  test('leave their groups (handing ownership on) and friendships, keeping direct history', async () => {
    const gone = world.user('gone_d1');
    const bob = world.user('bob_d1');
    const group = await gone.call(createRoom, { kind: 'group', name: 'g', inviteUserIds: [bob.id] });
    const [inv] = await bob.call(listInvitations, {});
    await bob.call(acceptInvitation, { invitationId: inv!.id });
    const { request: friendRequest } = await gone.call(sendFriendRequest, { nickname: bob.nickname });
    await bob.call(acceptFriendRequest, { requestId: friendRequest!.id });
    const direct = await gone.call(openDirectRoom, { userId: bob.id });

    publishEvent(world.nc, userDeleted, { userId: gone.id });
    await eventually(async () => (await bob.call(getRoom, { roomId: group.id })).ownerId === bob.id);
    expect(await bob.call(listFriends, {})).toEqual([]);
    expect(await bob.call(getRoom, { roomId: direct.id })).toMatchObject({ kind: 'direct', memberCount: 2 });
  });
});
