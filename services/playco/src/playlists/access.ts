import { AppError } from '@seed/runtime';
import type { PlaylistRow } from '../db/schema.ts';

export type ItemAction = 'append' | 'order' | 'delete';

type Flags = Pick<
  PlaylistRow,
  'ownerId' | 'publicReadable' | 'publicItemAppendable' | 'publicItemOrderable' | 'publicItemDeletable'
>;

export const isOwner = (p: Pick<PlaylistRow, 'ownerId'>, userId: string): boolean => p.ownerId === userId;

export const canRead = (p: Flags, userId: string): boolean => isOwner(p, userId) || p.publicReadable;

const FLAG: Record<ItemAction, keyof Flags> = {
  append: 'publicItemAppendable',
  order: 'publicItemOrderable',
  delete: 'publicItemDeletable',
};

/** The owner may do everything; others what the flags allow, and only on a playlist they may read. */
export const canChangeItems = (p: Flags, userId: string, action: ItemAction): boolean =>
  isOwner(p, userId) || (p.publicReadable && p[FLAG[action]] === true);

/** A playlist the caller may not read does not exist for them. */
export function readableOrNotFound<P extends Flags>(p: P | undefined, userId: string): P {
  if (!p || !canRead(p, userId)) throw new AppError('not_found', 'no such playlist');
  return p;
}

export function requireItemAction(p: Flags, userId: string, action: ItemAction): void {
  if (!canChangeItems(p, userId, action))
    throw new AppError('forbidden', `only the owner may ${action === 'append' ? 'add' : action} items here`);
}

export function requireOwner(p: Flags, userId: string): void {
  if (!isOwner(p, userId)) throw new AppError('forbidden', 'only the owner may change this playlist');
}

/** A change must name the version it was made against (`If-Match`). */
export function requireVersion(version: number | undefined): number {
  if (version === undefined) throw new AppError('precondition_required', 'send the playlist version (If-Match)');
  return version;
}
