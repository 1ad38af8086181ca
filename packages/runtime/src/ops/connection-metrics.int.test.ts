import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { connectNats, type NatsConnection } from '../nats/connection.ts';
import { eventually } from '../testing/jobs.ts';
import { metricValue } from '../testing/metrics.ts';
import { uniqueName } from '../testing/names.ts';
import { type PrivateNats, startPrivateNats } from '../testing/private-nats.ts';
import { processRegistry } from './process-registry.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('a NATS connection after start-up', () => {
  let nats: PrivateNats | undefined;
  let nc: NatsConnection | undefined;
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('reconnects when its server comes back, and says so on /metrics', async () => {
    nats = await startPrivateNats();
    const port = Number(new URL(nats.url).port);
    const connection = uniqueName('conn');
    nc = await connectNats({ url: nats.url, name: connection, logger });
    const value = async (name: string) => metricValue(await processRegistry.metrics(), name, { connection });
    expect(await value('seed_nats_connected')).toBe(1);
    expect(await value('seed_nats_reconnects_total')).toBe(0);

    await nats.stop();
    await eventually(async () => (await value('seed_nats_connected')) === 0, { what: 'the connection to drop' });
    expect(await value('seed_nats_disconnects_total')).toBe(1);
    nats = await startPrivateNats({ port });
    await eventually(async () => (await value('seed_nats_connected')) === 1, {
      what: 'the connection to come back',
      timeoutMs: 20_000,
    });
    expect(await value('seed_nats_reconnects_total')).toBe(1);
    await nc.flush();
  });
});
