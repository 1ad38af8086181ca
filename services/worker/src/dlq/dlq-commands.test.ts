import { describe, expect, it } from 'vitest';
import { DlqUsageError, parseDlqCommand } from './dlq-commands.ts';

describe('dlq command line', () => {
  it('reads each command with its sequence and flags', () => {
    expect(parseDlqCommand(['list'], { limit: '10', json: true })).toEqual({ name: 'list', limit: 10, json: true });
    expect(parseDlqCommand(['show', '42'], {})).toEqual({ name: 'show', seq: 42, json: false });
    expect(parseDlqCommand(['replay'], { all: true })).toEqual({ name: 'replay', all: true, json: false });
    expect(parseDlqCommand(['delete', '7'], {})).toEqual({ name: 'delete', seq: 7, json: false });
  });

  it.each([
    [[], {}, 'missing command'],
    [['purge'], {}, 'unknown command'],
    [['show'], {}, 'needs a sequence'],
    [['show', 'abc'], {}, 'needs a sequence'],
    [['replay', '3'], { all: true }, 'not both'],
    [['list'], { limit: '0' }, '--limit'],
    [['list', '3'], {}, 'no sequence'],
  ])('refuses %j %j', (positionals, flags, message) => {
    expect(() => parseDlqCommand(positionals, flags)).toThrow(DlqUsageError);
    expect(() => parseDlqCommand(positionals, flags)).toThrow(message);
  });
});
