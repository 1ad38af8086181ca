import { describe, expect, it } from 'vitest';
import { fakeUserDirectory, recordingEvents, sequentialIds, testUser } from '../../test/support/fakes.ts';
import { createMemoryRooms } from '../../test/support/memory-rooms.ts';
import { createRoomsService } from './rooms.service.ts';

const T0 = new Date('2026-11-25T12:00:00Z');
const hour = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

function setup(opts: { blocked?: [string, string][]; openRoomMaxMembers?: number } = {}) {
  const memory = createMemoryRooms({ now: () => T0 });
  const recorder = recordingEvents();
  const users = fakeUserDirectory(['ada', 'bob', 'cy', 'dee'].map((name, i) => testUser(String(i + 1), name)));
  const blocked = opts.blocked ?? [];
  const rooms = createRoomsService({
    repo: memory.repo,
    users,
    presence: { onlineUsers: async (ids) => new Set(ids.filter((id) => id === '2')) },
    events: recorder.events,
    blocks: {
      blockedEitherWay: async (a, b) => blocked.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
    },
    friendships: { areFriends: async () => false },
    nextId: sequentialIds(),
    now: () => T0,
    openRoomMaxMembers: opts.openRoomMaxMembers ?? 100,
  });
  return { rooms, memory, recorder };
}

const group = { kind: 'group' as const, name: 'g', inviteUserIds: [], slowModeSeconds: 0 };
const open = { kind: 'open' as const, name: 'o', inviteUserIds: [], slowModeSeconds: 0 };

describe('rooms', () => {
  it('makes the creator the owner and invites the others, leaving out unknown and blocking users', async () => {
    const { rooms, recorder } = setup({ blocked: [['4', '1']] });
    const room = await rooms.create('1', { ...group, inviteUserIds: ['2', '1', '99', '4', '2'] });
    expect(room).toMatchObject({ kind: 'group', ownerId: '1', memberCount: 1 });
    expect(recorder.of('joinedRoom').map((c) => c.args)).toEqual([[room.id, ['1']]]);
    expect(recorder.of('invitation').map((c) => c.args[1])).toEqual(['2']);
    expect((await rooms.invitations('2')).map((i) => i.room.id)).toEqual([room.id]);
  });

  it('keeps one direct room per pair, whichever of the two opens it', async () => {
    const { rooms } = setup();
    const first = await rooms.openDirect('1', '2');
    const again = await rooms.openDirect('2', '1');
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ kind: 'direct', memberCount: 2 });
    await expect(rooms.openDirect('1', '1')).rejects.toMatchObject({ code: 'cannot_befriend_self' });
  });

  it('treats a user who blocked the caller as unknown for a direct room', async () => {
    const { rooms } = setup({ blocked: [['2', '1']] });
    await expect(rooms.openDirect('1', '2')).rejects.toMatchObject({ code: 'user_not_found' });
    await expect(rooms.openDirect('1', '77')).rejects.toMatchObject({ code: 'user_not_found' });
  });

  it('lets anyone join an open room while it is open, once, and announces the newcomer to its own sockets too', async () => {
    const { rooms, recorder } = setup();
    const room = await rooms.create('1', { ...open, opensAt: at(-hour), closesAt: at(hour) });
    expect((await rooms.join('2', room.id)).memberCount).toBe(2);
    expect((await rooms.join('2', room.id)).memberCount).toBe(2);
    const order = recorder.calls
      .filter((c) => c.method === 'joinedRoom' || c.method === 'members')
      .map((c) => c.method);
    // The creator's sockets join; then the newcomer's join before the room hears of them.
    expect(order).toEqual(['joinedRoom', 'joinedRoom', 'members']);
    expect(recorder.of('members')[0]?.args.slice(1)).toEqual(['joined', testUser('2', 'bob')]);
  });

  it('refuses joining an open room that closed, has not opened, is full, or is not open-kind', async () => {
    const { rooms } = setup({ openRoomMaxMembers: 2 });
    const closed = await rooms.create('1', { ...open, closesAt: at(-1) });
    const later = await rooms.create('1', { ...open, opensAt: at(hour) });
    const full = await rooms.create('1', open);
    const grp = await rooms.create('1', group);
    await expect(rooms.join('2', closed.id)).rejects.toMatchObject({ code: 'room_expired' });
    await expect(rooms.join('2', later.id)).rejects.toMatchObject({ code: 'room_not_open' });
    await rooms.join('2', full.id);
    await expect(rooms.join('3', full.id)).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(rooms.join('2', grp.id)).rejects.toMatchObject({ code: 'room_kind_mismatch' });
    await expect(rooms.join('2', '404')).rejects.toMatchObject({ code: 'room_not_found' });
  });

  it('shows an open room to anyone, a group room only to its members', async () => {
    const { rooms } = setup();
    const o = await rooms.create('1', open);
    const g = await rooms.create('1', group);
    expect((await rooms.get('3', o.id)).id).toBe(o.id);
    await expect(rooms.get('3', g.id)).rejects.toMatchObject({ code: 'not_a_member' });
    await expect(rooms.members('3', g.id)).rejects.toMatchObject({ code: 'not_a_member' });
  });

  it('lists members with who is online', async () => {
    const { rooms } = setup();
    const o = await rooms.create('1', open);
    await rooms.join('2', o.id);
    const members = await rooms.members('1', o.id);
    expect(members.map((m) => [m.nickname, m.role, m.online])).toEqual([
      ['ada', 'owner', false],
      ['bob', 'member', true],
    ]);
  });

  it('hands ownership to the longest member when the owner leaves, and removes a group nobody is left in', async () => {
    const { rooms, recorder } = setup();
    const o = await rooms.create('1', open);
    await rooms.join('2', o.id);
    await rooms.join('3', o.id);
    await rooms.leave('1', o.id);
    expect((await rooms.get('2', o.id)).ownerId).toBe('2');
    expect(recorder.of('members').map((c) => c.args[1])).toEqual(['joined', 'joined', 'left', 'owner']);
    // The leaver's sockets hear their own departure before they stop receiving the room.
    const leaving = recorder.calls.filter((c) => c.method === 'leftRoom' || c.args[1] === 'left');
    expect(leaving.map((c) => c.method)).toEqual(['members', 'leftRoom']);

    const g = await rooms.create('4', group);
    await rooms.leave('4', g.id);
    await expect(rooms.get('4', g.id)).rejects.toMatchObject({ code: 'room_not_found' });
  });

  it('refuses leaving a direct room', async () => {
    const { rooms } = setup();
    const direct = await rooms.openDirect('1', '2');
    await expect(rooms.leave('1', direct.id)).rejects.toMatchObject({ code: 'room_kind_mismatch' });
  });

  it('lets only the owner kick, update, transfer and invite', async () => {
    const { rooms, recorder } = setup();
    const o = await rooms.create('1', open);
    await rooms.join('2', o.id);
    await rooms.join('3', o.id);
    await expect(rooms.kick('2', o.id, '3')).rejects.toMatchObject({ code: 'not_room_owner' });
    await expect(rooms.update('2', o.id, { name: 'x' })).rejects.toMatchObject({ code: 'not_room_owner' });
    await expect(rooms.kick('1', o.id, '1')).rejects.toMatchObject({ code: 'member_not_found' });
    await expect(rooms.kick('1', o.id, '4')).rejects.toMatchObject({ code: 'member_not_found' });
    await rooms.kick('1', o.id, '3');
    expect(recorder.of('members').at(-1)?.args.slice(1)).toEqual(['kicked', testUser('3', 'cy')]);
    expect(recorder.of('leftRoom').at(-1)?.args).toEqual([o.id, ['3']]);
    expect((await rooms.transfer('1', o.id, '2')).ownerId).toBe('2');
    await expect(rooms.update('1', o.id, { name: 'x' })).rejects.toMatchObject({ code: 'not_room_owner' });
  });

  it('keeps opening times to open rooms, closing after opening', async () => {
    const { rooms, recorder } = setup();
    const o = await rooms.create('1', open);
    const g = await rooms.create('1', group);
    await expect(rooms.update('1', g.id, { opensAt: at(hour) })).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(rooms.update('1', o.id, { opensAt: at(hour), closesAt: at(0) })).rejects.toMatchObject({
      code: 'unprocessable',
    });
    const updated = await rooms.update('1', o.id, { name: 'renamed', closesAt: at(hour) });
    expect(updated).toMatchObject({ name: 'renamed', closesAt: at(hour) });
    expect(recorder.of('roomUpdated').map((c) => c.args[0])).toEqual([updated]);
  });

  it('adds an invitee who accepts, and forgets an invitation declined', async () => {
    const { rooms } = setup();
    const g = await rooms.create('1', group);
    const invitation = await rooms.invite('1', g.id, '2');
    expect((await rooms.acceptInvitation('2', invitation.id)).memberCount).toBe(2);
    await expect(rooms.acceptInvitation('2', invitation.id)).rejects.toMatchObject({ code: 'invitation_not_found' });
    await expect(rooms.invite('1', g.id, '2')).rejects.toMatchObject({ code: 'already_member' });
    const other = await rooms.invite('1', g.id, '3');
    await rooms.declineInvitation('3', other.id);
    expect(await rooms.invitations('3')).toEqual([]);
    const o = await rooms.create('1', open);
    await expect(rooms.invite('1', o.id, '4')).rejects.toMatchObject({ code: 'room_kind_mismatch' });
  });

  it('takes a deleted account out of its group and open rooms and invitations, keeping direct rooms', async () => {
    const { rooms } = setup();
    const g = await rooms.create('1', { ...group, inviteUserIds: ['3'] });
    const o = await rooms.create('2', open);
    await rooms.join('1', o.id);
    const direct = await rooms.openDirect('1', '2');
    await rooms.forgetUser('1');
    await expect(rooms.get('1', g.id)).rejects.toMatchObject({ code: 'room_not_found' });
    expect(await rooms.invitations('3')).toEqual([]);
    expect((await rooms.get('2', o.id)).memberCount).toBe(1);
    expect((await rooms.get('2', direct.id)).memberCount).toBe(2);
  });

  it('puts a user’s sockets in every room they are a member of', async () => {
    const { rooms } = setup();
    const o = await rooms.create('1', open);
    const direct = await rooms.openDirect('1', '2');
    expect((await rooms.socketRoomsOf('1')).rooms.sort()).toEqual([`room:${direct.id}`, `room:${o.id}`].sort());
  });

  it('removes open rooms closed longer ago than the grace period', async () => {
    const { rooms } = setup();
    const old = await rooms.create('1', { ...open, closesAt: at(-2 * hour) });
    const recent = await rooms.create('1', { ...open, closesAt: at(-1) });
    expect(await rooms.removeClosedOpenRooms(hour)).toBe(1);
    await expect(rooms.get('1', old.id)).rejects.toMatchObject({ code: 'room_not_found' });
    expect((await rooms.get('1', recent.id)).id).toBe(recent.id);
  });
});
