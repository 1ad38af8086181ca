import { AppError } from '@seed/runtime';
import type { MemberRow, RoomRow, RoomsRepository } from './rooms.repository.ts';

/** Only members read or write a room: throws unless both the room and the membership exist. */
export function checkMember<R, M>(room: R | null | undefined, member: M | null | undefined): { room: R; member: M } {
  if (!room) throw new AppError('room_not_found', 'no such room');
  if (!member) throw new AppError('not_a_member', 'you are not a member of this room');
  return { room, member };
}

/** The room and the caller's membership; only members read or write a room. */
export async function requireMember(
  repo: Pick<RoomsRepository, 'roomById' | 'member'>,
  roomId: string,
  userId: string,
): Promise<{ room: RoomRow; member: MemberRow }> {
  const [room, member] = await Promise.all([repo.roomById(roomId), repo.member(roomId, userId)]);
  return checkMember(room, member);
}

export async function requireOwner(
  repo: Pick<RoomsRepository, 'roomById' | 'member'>,
  roomId: string,
  userId: string,
): Promise<{ room: RoomRow; member: MemberRow }> {
  const access = await requireMember(repo, roomId, userId);
  if (access.member.role !== 'owner') throw new AppError('not_room_owner', 'only the owner may do this');
  return access;
}

/** What other features may ask of rooms: whether a user is a member, and who the members are. */
export interface RoomAccess {
  /** The room and the caller's membership; `room_not_found` or `not_a_member` otherwise. */
  requireMember(roomId: string, userId: string): Promise<{ room: RoomRow; member: MemberRow }>;
  memberIds(roomId: string): Promise<string[]>;
}

export const roomAccess = (repo: Pick<RoomsRepository, 'roomById' | 'member' | 'memberIds'>): RoomAccess => ({
  requireMember: (roomId, userId) => requireMember(repo, roomId, userId),
  memberIds: (roomId) => repo.memberIds(roomId),
});
