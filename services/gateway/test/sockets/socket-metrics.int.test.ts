import { type OpsServer, startOpsServer } from '@seed/runtime';
import { metricValue, scrapeMetrics } from '@seed/runtime/testing';
import { describe, eventually, expect, newId, type TestSocket } from '@seed/testkit';
import { type Cluster, test } from './support/fixtures.ts';

describe('socket metrics', () => {
  let cluster: Cluster;
  // The gateway replicas run in this process: its ops server shows their metrics, as the
  // gateway's own ops port does in production.
  let ops: OpsServer;
  const scrape = () => scrapeMetrics(`http://127.0.0.1:${ops.port()}/metrics`);
  const connected = async () => metricValue(await scrape(), 'seed_sockets_connected', { namespace: '/' });
  const events = (text: string, event: string, outcome: string) =>
    metricValue(text, 'seed_socket_events_total', { event, outcome });

  test.beforeAll(async ({ cluster: started }) => {
    cluster = started;
    ops = await startOpsServer({ port: 0, host: '127.0.0.1', service: 'gateway', checks: {} });
  });
  test.afterAll(async () => {
    await ops?.close();
  });

  const connect = async (url: string) => cluster.connect(url, { token: await cluster.auth.sign(newId()) });

  test('gauges connected sockets per namespace across the replicas of the process', async () => {
    const before = await connected();
    const sockets: TestSocket[] = [await connect(cluster.a.url), await connect(cluster.b.url)];
    expect(await connected()).toBe(before + 2);
    for (const s of sockets) s.close();
    await eventually(async () => expect(await connected()).toBe(before));
  });

  test('counts events by name and by the outcome of their acknowledgement', async () => {
    const socket = await connect(cluster.a.url);
    const before = await scrape();
    const ack = (event: string, payload?: unknown) => socket.timeout(10_000).emitWithAck(event, payload);
    await expect(ack('test:echo:send', { text: 'hi' })).resolves.toMatchObject({ ok: true });
    await expect(ack('test:echo:send', { text: 'forbidden' })).resolves.toMatchObject({ ok: false });
    await expect(ack('test:nothing:here:42', {})).resolves.toMatchObject({ ok: false });
    socket.emit('test:echo:send', { text: 'no ack wanted' });

    await eventually(async () => {
      const after = await scrape();
      const moved = (event: string, outcome: string) => events(after, event, outcome) - events(before, event, outcome);
      expect(moved('test:echo:send', 'ok')).toBe(1);
      expect(moved('test:echo:send', 'client_error')).toBe(1);
      expect(moved('test:echo:send', 'unacknowledged')).toBe(1);
      // A name nobody serves is counted, but never becomes a label value.
      expect(moved('unknown', 'client_error')).toBe(1);
      expect(events(after, 'test:nothing:here:42', 'client_error')).toBe(0);
    });
    socket.close();
  });
});
