import type { MemberRow, RoomRow, RoomsRepository } from '../../src/rooms/index.ts';

type Room = Omit<RoomRow, 'memberCount'>;
type Invitation = Awaited<ReturnType<RoomsRepository['createInvitation']>>;

/** Rooms, members and invitations in memory, as the rooms repository keeps them in PostgreSQL. */
export function createMemoryRooms(opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const rooms = new Map<string, Room>();
  const members: MemberRow[] = [];
  const invitations = new Map<string, Invitation>();
  let joined = 0;

  const membersOf = (roomId: string) => members.filter((m) => m.roomId === roomId);
  const find = (roomId: string, userId: string) => members.find((m) => m.roomId === roomId && m.userId === userId);
  const withCount = (room: Room): RoomRow => ({ ...room, memberCount: membersOf(room.id).length });
  // Members join one after another, so the longest member is well defined.
  const join = (roomId: string, userId: string, role: 'owner' | 'member') =>
    members.push({
      roomId,
      userId,
      role,
      lastReadMessageId: null,
      readAt: null,
      joinedAt: new Date(now().getTime() + joined++),
    });
  const dropRoom = (roomId: string) => {
    rooms.delete(roomId);
    for (const m of membersOf(roomId)) members.splice(members.indexOf(m), 1);
    for (const [id, i] of invitations) if (i.roomId === roomId) invitations.delete(id);
  };

  const repo = {
    roomById: async (roomId: string) => {
      const room = rooms.get(roomId);
      return room && withCount(room);
    },
    member: async (roomId: string, userId: string) => find(roomId, userId),
    roomIdsOf: async (userId: string, limit: number) =>
      members
        .filter((m) => m.userId === userId)
        .map((m) => m.roomId)
        .slice(0, limit),
    memberIds: async (roomId: string) => membersOf(roomId).map((m) => m.userId),
    members: async (roomId: string) => membersOf(roomId),
    roomsOf: async (userId: string) =>
      members
        .filter((m) => m.userId === userId)
        .map((m) => {
          const room = rooms.get(m.roomId)!;
          const peer = room.kind === 'direct' ? membersOf(room.id).find((o) => o.userId !== userId) : undefined;
          return {
            ...withCount(room),
            lastReadMessageId: m.lastReadMessageId,
            unreadCount: 0,
            peerId: peer?.userId ?? null,
          };
        }),
    async insertRoom(
      room: Parameters<RoomsRepository['insertRoom']>[0],
      list: { userId: string; role: 'owner' | 'member' }[],
    ) {
      rooms.set(room.id, {
        name: null,
        ownerId: null,
        directKey: null,
        opensAt: null,
        closesAt: null,
        slowModeSeconds: 0,
        lastMessageId: null,
        createdAt: now(),
        ...room,
      });
      for (const m of list) join(room.id, m.userId, m.role);
    },
    async directRoom(directKey: string) {
      const existing = [...rooms.values()].find((r) => r.directKey === directKey);
      return existing ? withCount(existing) : undefined;
    },
    async findOrCreateDirect(directKey: string, newId: string, userIds: [string, string]) {
      const existing = [...rooms.values()].find((r) => r.directKey === directKey);
      if (existing) return withCount(existing);
      await repo.insertRoom(
        { id: newId, kind: 'direct', directKey },
        userIds.map((userId) => ({ userId, role: 'member' as const })),
      );
      return withCount(rooms.get(newId)!);
    },
    async updateRoom(roomId: string, patch: Parameters<RoomsRepository['updateRoom']>[1]) {
      Object.assign(rooms.get(roomId)!, patch);
    },
    async addMember(roomId: string, userId: string, role: 'owner' | 'member' = 'member') {
      if (find(roomId, userId)) return false;
      join(roomId, userId, role);
      return true;
    },
    async removeMember(roomId: string, userId: string) {
      const m = find(roomId, userId);
      if (m) members.splice(members.indexOf(m), 1);
      return m;
    },
    async setOwner(roomId: string, newOwnerId: string) {
      for (const m of membersOf(roomId)) m.role = m.userId === newOwnerId ? 'owner' : 'member';
      rooms.get(roomId)!.ownerId = newOwnerId;
    },
    longestMember: async (roomId: string, except: string) =>
      membersOf(roomId)
        .filter((m) => m.userId !== except)
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0],
    sharedRoomsOf: async (userId: string) =>
      members.filter((m) => m.userId === userId && rooms.get(m.roomId)?.kind !== 'direct').map((m) => m.roomId),
    async deleteInvitationsOf(userId: string) {
      for (const [id, i] of invitations) if (i.inviteeId === userId || i.inviterId === userId) invitations.delete(id);
    },
    deleteRoom: async (roomId: string) => dropRoom(roomId),
    async deleteClosedOpenRooms(before: Date, limit: number) {
      const closed = [...rooms.values()]
        .filter((r) => r.kind === 'open' && r.closesAt && r.closesAt < before)
        .slice(0, limit)
        .map((r) => r.id);
      for (const id of closed) dropRoom(id);
      return closed;
    },
    async createInvitation(row: Parameters<RoomsRepository['createInvitation']>[0]) {
      const pending = [...invitations.values()].find((i) => i.roomId === row.roomId && i.inviteeId === row.inviteeId);
      if (pending) return pending;
      const invitation: Invitation = { createdAt: now(), ...row };
      invitations.set(invitation.id, invitation);
      return invitation;
    },
    invitationsOf: async (inviteeId: string) => [...invitations.values()].filter((i) => i.inviteeId === inviteeId),
    async takeInvitation(invitationId: string, inviteeId: string, accept: boolean) {
      const invitation = invitations.get(invitationId);
      if (!invitation || invitation.inviteeId !== inviteeId) return undefined;
      invitations.delete(invitationId);
      if (accept && !find(invitation.roomId, inviteeId)) join(invitation.roomId, inviteeId, 'member');
      return invitation;
    },
    async deleteInvitationsBefore(before: Date) {
      const old = [...invitations.values()].filter((i) => i.createdAt < before);
      for (const i of old) invitations.delete(i.id);
      return old.length;
    },
  } satisfies RoomsRepository;

  return { repo, rooms, members, invitations };
}
