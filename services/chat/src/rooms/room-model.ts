import type { Room } from '@seed/contracts';
import type { RoomRow } from './rooms.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toRoom = (row: RoomRow): Room => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  ownerId: row.ownerId,
  opensAt: iso(row.opensAt),
  closesAt: iso(row.closesAt),
  slowModeSeconds: row.slowModeSeconds,
  memberCount: row.memberCount,
  lastMessageId: row.lastMessageId,
  createdAt: row.createdAt.toISOString(),
});

/** The direct room key of a pair: the same whichever of the two asks. */
export const directKey = (a: string, b: string): string => (BigInt(a) < BigInt(b) ? `${a}:${b}` : `${b}:${a}`);

/** Why an open room refuses joins and messages at `now`, if it does. */
export function openRoomState(row: Pick<RoomRow, 'kind' | 'opensAt' | 'closesAt'>, now: Date) {
  if (row.kind !== 'open') return 'open' as const;
  if (row.closesAt && row.closesAt <= now) return 'room_expired' as const;
  if (row.opensAt && row.opensAt > now) return 'room_not_open' as const;
  return 'open' as const;
}
