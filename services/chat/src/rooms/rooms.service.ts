import {
  type ChatMember,
  type ChatUser,
  chatSocketRoom,
  type Invitation,
  type Room,
  type RoomSummary,
  rewindDirectChatId,
} from '@seed/contracts';
import { AppError, type PresenceReader } from '@seed/runtime';
import { type UserDirectory, unknownUser } from '../users/index.ts';
import { requireMember, requireOwner } from './room-access.ts';
import { directKey, openRoomState, toRoom } from './room-model.ts';
import type { RoomsEvents } from './rooms.events.ts';
import type { InvitationRow, RoomRow, RoomsRepository } from './rooms.repository.ts';

export interface RoomsDeps {
  repo: RoomsRepository;
  users: UserDirectory;
  presence: Pick<PresenceReader, 'onlineUsers'>;
  events: RoomsEvents;
  blocks: { blockedEitherWay(a: string, b: string): Promise<boolean> };
  friendships: { areFriends(a: string, b: string): Promise<boolean> };
  nextId: () => string;
  now?: () => Date;
  openRoomMaxMembers: number;
}

export interface CreateRoomInput {
  kind: 'group' | 'open';
  name: string;
  inviteUserIds: string[];
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
  slowModeSeconds: number;
}

export interface UpdateRoomInput {
  name?: string | undefined;
  slowModeSeconds?: number | undefined;
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
}

/** A socket follows at most this many rooms live (the most recently active); others it reads on demand. */
const MAX_SOCKET_ROOMS = 10_000;

/** Ids are signed 64-bit numbers in the database. */
const MAX_ID = 2n ** 63n;

const date = (s: string | null | undefined) => (s ? new Date(s) : null);

/** Direct, group and open rooms: who is in them and who decides. */
export function createRoomsService(deps: RoomsDeps) {
  const { repo, users, events } = deps;
  const now = deps.now ?? (() => new Date());

  async function userOf(id: string): Promise<ChatUser> {
    return (await users.getMany([id])).get(id) ?? unknownUser(id);
  }

  async function announce(roomId: string, change: 'joined' | 'left' | 'kicked' | 'owner', userId: string) {
    events.members(roomId, change, await userOf(userId));
  }

  /** The newcomer's sockets join the room first, so they see their own arrival too. */
  async function welcome(roomId: string, userId: string) {
    events.joinedRoom(roomId, [userId]);
    await announce(roomId, 'joined', userId);
  }

  async function describeInvitations(rows: InvitationRow[]): Promise<Invitation[]> {
    const known = await users.getMany(rows.map((r) => r.inviterId));
    const out: Invitation[] = [];
    for (const r of rows) {
      const room = await repo.roomById(r.roomId);
      if (!room) continue;
      out.push({
        id: r.id,
        room: toRoom(room),
        invitedBy: known.get(r.inviterId) ?? unknownUser(r.inviterId),
        createdAt: r.createdAt.toISOString(),
      });
    }
    return out;
  }

  async function invite(room: RoomRow, inviterId: string, inviteeId: string): Promise<Invitation> {
    if (room.kind !== 'group') throw new AppError('room_kind_mismatch', 'only group rooms take invitations');
    const invitee = (await users.getMany([inviteeId])).get(inviteeId);
    // Someone who blocked the inviter is as unknown to them as anyone who does not exist.
    if (!invitee || (await deps.blocks.blockedEitherWay(inviterId, inviteeId)))
      throw new AppError('user_not_found', 'no such user');
    if (await repo.member(room.id, inviteeId)) throw new AppError('already_member', 'already a member');
    const row = await repo.createInvitation({ id: deps.nextId(), roomId: room.id, inviterId, inviteeId });
    const [invitation] = await describeInvitations([row]);
    events.invitation(invitation!, inviteeId);
    return invitation!;
  }

  async function leaveOrKick(roomId: string, userId: string, change: 'left' | 'kicked') {
    const removed = await repo.removeMember(roomId, userId);
    if (!removed) return;
    // The leaver's sockets see their own departure, then stop receiving the room.
    await announce(roomId, change, userId);
    events.leftRoom(roomId, [userId]);
    if (removed.role !== 'owner') return;
    const heir = await repo.longestMember(roomId, userId);
    const room = await repo.roomById(roomId);
    if (heir) {
      await repo.setOwner(roomId, heir.userId);
      await announce(roomId, 'owner', heir.userId);
    } else if (room?.kind === 'group') {
      await repo.deleteRoom(roomId);
    }
  }

  return {
    async list(userId: string): Promise<RoomSummary[]> {
      const rows = await repo.roomsOf(userId);
      const peers = await users.getMany(rows.flatMap((r) => (r.peerId ? [r.peerId] : [])));
      return rows.map((r) => ({
        ...toRoom(r),
        unreadCount: r.unreadCount,
        lastReadMessageId: r.lastReadMessageId,
        peer: r.peerId ? (peers.get(r.peerId) ?? unknownUser(r.peerId)) : null,
      }));
    },

    /** Where the user's sockets belong: every room they are a member of. */
    async socketRoomsOf(userId: string): Promise<{ rooms: string[] }> {
      const ids = await repo.roomIdsOf(userId, MAX_SOCKET_ROOMS);
      return { rooms: ids.map(chatSocketRoom) };
    },

    async create(userId: string, input: CreateRoomInput): Promise<Room> {
      const id = deps.nextId();
      const isOpen = input.kind === 'open';
      await repo.insertRoom(
        {
          id,
          kind: input.kind,
          name: input.name,
          ownerId: userId,
          opensAt: isOpen ? date(input.opensAt) : null,
          closesAt: isOpen ? date(input.closesAt) : null,
          slowModeSeconds: input.slowModeSeconds,
        },
        [{ userId, role: 'owner' }],
      );
      events.joinedRoom(id, [userId]);
      const room = (await repo.roomById(id))!;
      if (input.kind === 'group')
        for (const inviteeId of new Set(input.inviteUserIds))
          if (inviteeId !== userId)
            await invite(room, userId, inviteeId).catch((err) => {
              // Unknown or blocking users are left out; the room is made all the same.
              if (!(err instanceof AppError)) throw err;
            });
      return toRoom(room);
    },

    async openDirect(userId: string, otherId: string): Promise<Room> {
      if (otherId === userId) throw new AppError('cannot_befriend_self', 'a direct room needs another user');
      const other = (await users.getMany([otherId])).get(otherId);
      if (!other || (await deps.blocks.blockedEitherWay(userId, otherId)))
        throw new AppError('user_not_found', 'no such user');
      const room = await repo.findOrCreateDirect(directKey(userId, otherId), deps.nextId(), [userId, otherId]);
      // Idempotent: an existing room's members are in it already.
      events.joinedRoom(room.id, [userId, otherId]);
      return toRoom(room);
    },

    /**
     * The room a REWIND `chat_id` names for `userId`: their room with that id, else the direct room
     * with the friend, or the earlier DM partner, whose id XOR theirs is `chatId`.
     */
    async resolveRewindChat(userId: string, chatId: string): Promise<{ roomId: string; chatId: string }> {
      const notFound = () => new AppError('room_not_found', 'no such room');
      if (BigInt(chatId) >= MAX_ID) throw notFound();
      if (await repo.member(chatId, userId)) {
        const room = (await repo.roomById(chatId))!;
        const pair = room.kind === 'direct' ? room.directKey?.split(':') : undefined;
        return { roomId: room.id, chatId: pair?.length === 2 ? rewindDirectChatId(pair[0]!, pair[1]!) : room.id };
      }
      const otherId = rewindDirectChatId(userId, chatId);
      if (otherId === '0' || otherId === userId || BigInt(otherId) >= MAX_ID) throw notFound();
      const existing = await repo.directRoom(directKey(userId, otherId));
      if (existing) return { roomId: existing.id, chatId };
      if (!(await deps.friendships.areFriends(userId, otherId))) throw notFound();
      const room = await this.openDirect(userId, otherId).catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'user_not_found' ? notFound() : err;
      });
      return { roomId: room.id, chatId };
    },

    async get(userId: string, roomId: string): Promise<Room> {
      const room = await repo.roomById(roomId);
      if (!room) throw new AppError('room_not_found', 'no such room');
      // Anyone may look at an open room before joining it.
      if (room.kind !== 'open' && !(await repo.member(roomId, userId)))
        throw new AppError('not_a_member', 'you are not a member of this room');
      return toRoom(room);
    },

    async update(userId: string, roomId: string, input: UpdateRoomInput): Promise<Room> {
      const { room } = await requireOwner(repo, roomId, userId);
      if (room.kind === 'direct') throw new AppError('not_room_owner', 'direct rooms have no owner');
      const opensAt = input.opensAt === undefined ? room.opensAt : date(input.opensAt);
      const closesAt = input.closesAt === undefined ? room.closesAt : date(input.closesAt);
      if (room.kind !== 'open' && (input.opensAt || input.closesAt))
        throw new AppError('unprocessable', 'only open rooms have opening times');
      if (opensAt && closesAt && opensAt >= closesAt)
        throw new AppError('unprocessable', 'closesAt must be after opensAt');
      await repo.updateRoom(roomId, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.slowModeSeconds !== undefined ? { slowModeSeconds: input.slowModeSeconds } : {}),
        opensAt,
        closesAt,
      });
      const updated = toRoom((await repo.roomById(roomId))!);
      events.roomUpdated(updated);
      return updated;
    },

    async join(userId: string, roomId: string): Promise<Room> {
      const room = await repo.roomById(roomId);
      if (!room) throw new AppError('room_not_found', 'no such room');
      if (room.kind !== 'open') throw new AppError('room_kind_mismatch', 'only open rooms can be joined by id');
      const state = openRoomState(room, now());
      if (state !== 'open')
        throw new AppError(state, state === 'room_expired' ? 'the room has closed' : 'the room has not opened yet');
      if (!(await repo.member(roomId, userId))) {
        if (room.memberCount >= deps.openRoomMaxMembers) throw new AppError('unprocessable', 'the room is full');
        if (await repo.addMember(roomId, userId)) await welcome(roomId, userId);
      }
      return toRoom((await repo.roomById(roomId))!);
    },

    async leave(userId: string, roomId: string) {
      const { room } = await requireMember(repo, roomId, userId);
      if (room.kind === 'direct') throw new AppError('room_kind_mismatch', 'a direct room cannot be left');
      await leaveOrKick(roomId, userId, 'left');
      return {};
    },

    async members(userId: string, roomId: string): Promise<ChatMember[]> {
      await requireMember(repo, roomId, userId);
      const rows = await repo.members(roomId);
      const ids = rows.map((r) => r.userId);
      const [known, online] = await Promise.all([users.getMany(ids), deps.presence.onlineUsers(ids)]);
      return rows.map((r) => ({
        ...(known.get(r.userId) ?? unknownUser(r.userId)),
        role: r.role,
        joinedAt: r.joinedAt.toISOString(),
        online: online.has(r.userId),
      }));
    },

    async kick(userId: string, roomId: string, targetId: string) {
      const { room } = await requireOwner(repo, roomId, userId);
      if (room.kind === 'direct') throw new AppError('room_kind_mismatch', 'nobody can be kicked from a direct room');
      if (targetId === userId) throw new AppError('member_not_found', 'leave the room instead');
      if (!(await repo.member(roomId, targetId))) throw new AppError('member_not_found', 'not a member of this room');
      await leaveOrKick(roomId, targetId, 'kicked');
      return {};
    },

    async transfer(userId: string, roomId: string, targetId: string): Promise<Room> {
      const { room } = await requireOwner(repo, roomId, userId);
      if (room.kind === 'direct') throw new AppError('room_kind_mismatch', 'direct rooms have no owner');
      if (!(await repo.member(roomId, targetId))) throw new AppError('member_not_found', 'not a member of this room');
      if (targetId !== userId) {
        await repo.setOwner(roomId, targetId);
        await announce(roomId, 'owner', targetId);
      }
      return toRoom((await repo.roomById(roomId))!);
    },

    async invite(userId: string, roomId: string, inviteeId: string): Promise<Invitation> {
      const { room } = await requireOwner(repo, roomId, userId);
      return invite(room, userId, inviteeId);
    },

    async invitations(userId: string): Promise<Invitation[]> {
      return describeInvitations(await repo.invitationsOf(userId));
    },

    async acceptInvitation(userId: string, invitationId: string): Promise<Room> {
      const row = await repo.takeInvitation(invitationId, userId, true);
      if (!row) throw new AppError('invitation_not_found', 'no such invitation');
      await welcome(row.roomId, userId);
      return toRoom((await repo.roomById(row.roomId))!);
    },

    async declineInvitation(userId: string, invitationId: string) {
      if (!(await repo.takeInvitation(invitationId, userId, false)))
        throw new AppError('invitation_not_found', 'no such invitation');
      return {};
    },

    /**
     * A deleted account leaves its group and open rooms (owners hand them on) and its invitations
     * go; its direct rooms stay, so the other side keeps the history.
     */
    async forgetUser(userId: string) {
      await repo.deleteInvitationsOf(userId);
      for (const roomId of await repo.sharedRoomsOf(userId)) await leaveOrKick(roomId, userId, 'left');
    },

    /** Removes open rooms whose closing time passed more than `graceMs` ago. */
    async removeClosedOpenRooms(graceMs: number): Promise<number> {
      let total = 0;
      for (;;) {
        const removed = await repo.deleteClosedOpenRooms(new Date(now().getTime() - graceMs), 500);
        total += removed.length;
        if (removed.length < 500) return total;
      }
    },
  };
}

export type RoomsService = ReturnType<typeof createRoomsService>;
