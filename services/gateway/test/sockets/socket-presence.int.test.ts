import { createPresenceReader, type PresenceReader, presenceKey } from '@seed/runtime';
import { describe, eventually, expect, newId } from '@seed/testkit';
import { type Cluster, test } from './support/fixtures.ts';

describe('presence across gateway replicas', () => {
  let cluster: Cluster;
  let presence: PresenceReader;
  test.beforeAll(({ cluster: started }) => {
    cluster = started;
    presence = createPresenceReader(cluster.redis);
  });

  test('shows a user online while any of their sockets is connected, on any replica', async () => {
    const [bob, carol] = [newId(), newId()];
    const token = await cluster.auth.sign(bob);
    const onB = await cluster.connect(cluster.b.url, { token });
    const onA = await cluster.connect(cluster.a.url, { token });
    await eventually(async () => expect(await presence.socketCount(bob)).toBe(2));
    expect(await presence.onlineUsers([bob, carol])).toEqual(new Set([bob]));

    onB.close();
    await eventually(async () => expect(await presence.socketCount(bob)).toBe(1));
    expect(await presence.onlineUsers([bob])).toEqual(new Set([bob]));
    onA.close();
    await eventually(async () => expect(await presence.onlineUsers([bob])).toEqual(new Set()));
    expect(await cluster.redis.exists(presenceKey(bob))).toBe(0);
  });

  test('clears a replica’s presence when it shuts down, and drops its sockets so they reconnect elsewhere', async () => {
    const dave = newId();
    const replica = await cluster.addReplica('closing');
    const socket = await cluster.connect(replica.url, { token: await cluster.auth.sign(dave) });
    await eventually(async () => expect(await presence.onlineUsers([dave])).toEqual(new Set([dave])));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await replica.stop();
    expect(await presence.onlineUsers([dave])).toEqual(new Set());
    // A transport close (not a server-side disconnect) is what makes a client reconnect by itself.
    expect(await disconnected).toBe('transport close');
  });

  test('lets the sockets of a replica that died without cleaning up lapse', async ({ startTestGatewayProcess }) => {
    const erin = newId();
    const ttlMs = 2_000;
    const crashing = await startTestGatewayProcess({
      replicaId: 'crashing',
      sockets: { deliveryQueue: 'crashing', presenceTtlMs: ttlMs, presenceRefreshMs: 300 },
    });
    try {
      await cluster.connect(crashing.url, { token: await cluster.auth.sign(erin) });
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
