import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childProcesses, serviceOf } from './process-tree.ts';

describe('cluster processes', () => {
  it('names the service a cluster child runs', () => {
    expect(serviceOf('/opt/node/bin/node services/chat/src/main.ts ')).toBe('chat');
    expect(serviceOf('/opt/node/bin/node scripts/cluster.ts')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('finds the children of a process with their command lines', async () => {
    const child = spawn('sleep', ['5']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(childProcesses(process.pid)).toContainEqual({ pid: child.pid, commandLine: 'sleep 5 ' });
    } finally {
      child.kill();
    }
  });
});
