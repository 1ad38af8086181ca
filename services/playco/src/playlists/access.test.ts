import { describe, expect, it } from 'vitest';
import { canChangeItems, canRead, type ItemAction } from './access.ts';

const owner = '100';
const other = '200';
const flags = {
  ownerId: owner,
  publicReadable: false,
  publicItemAppendable: false,
  publicItemOrderable: false,
  publicItemDeletable: false,
};
const actions: ItemAction[] = ['append', 'order', 'delete'];
const flagOf = { append: 'publicItemAppendable', order: 'publicItemOrderable', delete: 'publicItemDeletable' } as const;

describe('playlist permissions', () => {
  it('let the owner do everything on a private playlist', () => {
    expect(canRead(flags, owner)).toBe(true);
    for (const a of actions) expect(canChangeItems(flags, owner, a)).toBe(true);
  });

  it('hide a private playlist from others, whatever its item flags say', () => {
    const p = { ...flags, publicItemAppendable: true, publicItemOrderable: true, publicItemDeletable: true };
    expect(canRead(p, other)).toBe(false);
    for (const a of actions) expect(canChangeItems(p, other, a)).toBe(false);
  });

  it.each(actions)('let others %s only when its own flag is set on a readable playlist', (action) => {
    const readable = { ...flags, publicReadable: true };
    expect(canRead(readable, other)).toBe(true);
    expect(canChangeItems(readable, other, action)).toBe(false);
    const allowed = { ...readable, [flagOf[action]]: true };
    for (const a of actions) expect(canChangeItems(allowed, other, a)).toBe(a === action);
  });
});
