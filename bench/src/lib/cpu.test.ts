import { describe, expect, it } from 'vitest';
import { cpuBetween, processCpuMs } from './cpu.ts';

describe('cpu accounting', () => {
  it('counts what each source used between two snapshots, a process started in between in full', () => {
    const before = new Map([['postgres', new Map([['10/10', 100]])]]);
    const after = new Map([
      [
        'postgres',
        new Map([
          ['10/10', 130],
          ['11/11', 5],
        ]),
      ],
      ['gone', new Map()],
    ]);
    expect(cpuBetween(before, after)).toEqual({ postgres: 35 });
  });

  it('leaves out a thread that ended in between instead of counting negative time', () => {
    const before = new Map([
      [
        'gateway',
        new Map([
          ['7/7', 100],
          ['7/8', 50],
        ]),
      ],
    ]);
    const after = new Map([['gateway', new Map([['7/7', 160]])]]);
    expect(cpuBetween(before, after)).toEqual({ gateway: 60 });
  });

  it.runIf(process.platform === 'linux')('sees a process use CPU time with sub-tick precision', () => {
    const before = processCpuMs(process.pid)!;
    const until = performance.now() + 3;
    while (performance.now() < until);
    const used = processCpuMs(process.pid)! - before;
    expect(used).toBeGreaterThan(0);
    expect(used % 10).not.toBe(0);
  });
});
