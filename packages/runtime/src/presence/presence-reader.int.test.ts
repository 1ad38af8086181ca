import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createRedis, type Redis } from '../redis.ts';
import { testRedisPrefix } from '../testing/names.ts';
import { testServers } from '../testing/servers.ts';
import { presenceKey, presenceMember } from './presence-keys.ts';
import { createPresenceReader } from './presence-reader.ts';

describe('presence reader', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis({
      url: testServers().redisUrl,
      name: 'test',
      logger: createLogger({ service: 'test', level: 'silent' }),
      keyPrefix: testRedisPrefix(),
    });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('counts only sockets whose expiry lies ahead, and prunes the lapsed ones', async () => {
    const now = Date.now();
    await redis.zadd(
      presenceKey('1'),
      now + 60_000,
      presenceMember('a', 's1'),
      now + 60_000,
      presenceMember('b', 's2'),
    );
    await redis.zadd(presenceKey('2'), now - 1, presenceMember('dead', 's3'));
    await redis.zadd(presenceKey('3'), now - 1, presenceMember('dead', 's4'), now + 60_000, presenceMember('a', 's5'));
    const reader = createPresenceReader(redis, () => now);

    expect(await reader.onlineUsers(['1', '2', '3', '4', '1'])).toEqual(new Set(['1', '3']));
    expect(await reader.socketCount('1')).toBe(2);
    expect(await reader.socketCount('4')).toBe(0);
    expect(await redis.zrange(presenceKey('3'), 0, -1)).toEqual([presenceMember('a', 's5')]);
    expect(await redis.exists(presenceKey('2'))).toBe(0);
    await redis.del(presenceKey('1'), presenceKey('3'));
  });

  it('answers an empty question without asking Redis', async () => {
    expect(await createPresenceReader(redis).onlineUsers([])).toEqual(new Set());
  });
});
