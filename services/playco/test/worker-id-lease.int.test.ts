import { createPlaylist } from '@seed/contracts';
import { eventually } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { test } from './support/fixtures.ts';

const leaseKey = (workerId: number) => `seed:snowflake:worker:${workerId}`;

describe('a playco replica whose snowflake worker id Redis lost', () => {
  test('reports not ready and answers writes service_unavailable until it holds a fresh id, then writes again', async ({
    playcoWorld: w,
  }) => {
    const { app } = w.playco;
    const owner = w.user('ada');
    await w.as(owner, createPlaylist, { name: 'before' });
    expect(await app.readiness.ids()).toBe(true);

    // As after a Redis flush with other replicas restarted first: every worker id, its own
    // included, is held by other processes (this file's Redis key prefix keeps them its own).
    const ids = Array.from({ length: 1024 }, (_, id) => id);
    await w.redis.mset(Object.fromEntries(ids.map((id) => [leaseKey(id), 'another process'])));
    await eventually(async () => !(await app.readiness.ids()), { what: 'readiness to report the lost lease' });
    await expect(w.as(owner, createPlaylist, { name: 'during' })).rejects.toMatchObject({
      code: 'service_unavailable',
    });

    await w.redis.del(leaseKey(77));
    await eventually(async () => app.readiness.ids(), { what: 'a fresh worker id' });
    const after = await w.as(owner, createPlaylist, { name: 'after' });
    expect((BigInt(after.id) >> 12n) & 1023n).toBe(77n);
  });
});
