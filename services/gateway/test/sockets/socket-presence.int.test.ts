import { createPresenceReader, type PresenceReader, presenceKey } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, eventually } from './support/client.ts';
import { type Cluster, newUserId, startCluster } from './support/cluster.ts';
import { startReplicaProcess } from './support/replica-child.ts';

describe('presence across gateway replicas', () => {
  let cluster: Cluster;
  let presence: PresenceReader;
  beforeAll(async () => {
    cluster = await startCluster();
    presence = createPresenceReader(cluster.redis);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('shows a user online while any of their sockets is connected, on any replica', async () => {
    const [bob, carol] = [newUserId(), newUserId()];
    const token = await cluster.auth.sign(bob);
    const onB = await connectClient(cluster.b.url, { token });
    const onA = await connectClient(cluster.a.url, { token });
    await eventually(async () => expect(await presence.socketCount(bob)).toBe(2));
    expect(await presence.onlineUsers([bob, carol])).toEqual(new Set([bob]));

    onB.close();
    await eventually(async () => expect(await presence.socketCount(bob)).toBe(1));
    expect(await presence.onlineUsers([bob])).toEqual(new Set([bob]));
    onA.close();
    await eventually(async () => expect(await presence.onlineUsers([bob])).toEqual(new Set()));
    expect(await cluster.redis.exists(presenceKey(bob))).toBe(0);
  });

  it('clears a replica’s presence when it shuts down, and drops its sockets so they reconnect elsewhere', async () => {
    const dave = newUserId();
    const replica = await cluster.addReplica('closing');
    const socket = await connectClient(replica.url, { token: await cluster.auth.sign(dave) });
    await eventually(async () => expect(await presence.onlineUsers([dave])).toEqual(new Set([dave])));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await replica.stop();
    expect(await presence.onlineUsers([dave])).toEqual(new Set());
    // A transport close (not a server-side disconnect) is what makes a client reconnect by itself.
    expect(await disconnected).toBe('transport close');
  });

  it('lets the sockets of a replica that died without cleaning up lapse', async () => {
    const erin = newUserId();
    const ttlMs = 2_000;
    const crashing = await startReplicaProcess({
      REPLICA_REDIS_PREFIX: cluster.redisPrefix,
      REPLICA_JWKS_SUBJECT: cluster.auth.jwksContract.subject,
      REPLICA_ID: 'crashing',
      REPLICA_DELIVERY_QUEUE: uniqueName('gateway'),
      REPLICA_PRESENCE_TTL_MS: String(ttlMs),
      REPLICA_PRESENCE_REFRESH_MS: '300',
    });
    try {
      await connectClient(crashing.url, { token: await cluster.auth.sign(erin) });
      await eventually(async () => expect(await presence.onlineUsers([erin])).toEqual(new Set([erin])));
      // Alive, it keeps the socket fresh well past one TTL.
      await new Promise((r) => setTimeout(r, ttlMs * 1.5));
      expect(await presence.onlineUsers([erin])).toEqual(new Set([erin]));

      await crashing.kill();
      expect(await cluster.redis.zcard(presenceKey(erin))).toBe(1);
      await eventually(async () => expect(await presence.onlineUsers([erin])).toEqual(new Set()));
    } finally {
      await crashing.kill();
    }
  });
});
