import { createRoom, joinRoom, sendMessage } from '@seed/contracts';
import { createLogger, createRedis } from '@seed/runtime';
import { deleteTestKeys, testRedisPrefix, testServers } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp as createWorker, type WorkerApp } from '../../worker/src/app.ts';
import { loadConfig as loadWorkerConfig } from '../../worker/src/config.ts';
import { type ChatWorld, startChatWorld } from './support/chat-world.ts';
import { startFakeFcm } from './support/fake-fcm.ts';
import { eventually, pause } from './support/gateway-cluster.ts';
import { serveTestDevices } from './support/test-auth.ts';

const logger = createLogger({ service: 'push-test', level: 'silent' });
const token = (name: string) => `${name}-fcm-registration-token-0123456789`;

describe('push for new messages through FCM HTTP v1', () => {
  let world: ChatWorld;
  let fcm: Awaited<ReturnType<typeof startFakeFcm>>;
  let devices: Awaited<ReturnType<typeof serveTestDevices>>;
  let worker: WorkerApp;
  const redisPrefix = testRedisPrefix();
  const workerRedis = createRedis({ url: testServers().redisUrl, name: 'push-test', logger, keyPrefix: redisPrefix });

  beforeAll(async () => {
    world = await startChatWorld();
    fcm = await startFakeFcm({ projectId: 'test-project', deadTokens: [token('bob-old-phone')] });
    devices = await serveTestDevices(world.nc, logger);
    const config = loadWorkerConfig({
      NATS_URL: world.natsUrl,
      LOG_LEVEL: 'silent',
      JOBS_STREAM: world.jobs.topology.stream,
      JOBS_DLQ_STREAM: world.jobs.topology.dlqStream,
      JOBS_SUBJECT_PREFIX: world.jobs.topology.subjectPrefix,
      PUSH_DRIVER: 'fcm',
      FCM_CREDENTIALS: fcm.credentials,
      FCM_BASE_URL: fcm.baseUrl,
      FCM_TOKEN_URL: fcm.tokenUrl,
    });
    worker = await createWorker(config, { nc: world.nc, redis: workerRedis, logger, cleanups: [] });
  });
  afterAll(async () => {
    await worker?.stop();
    await devices?.stop();
    await fcm?.stop();
    await world?.stop();
    await deleteTestKeys(workerRedis, redisPrefix);
    await workerRedis.quit();
  });

  it('pushes only to members with no connected socket, and forgets unregistered tokens', async () => {
    const ada = world.user('ada_p1');
    const bob = world.user('bob_p1');
    const cy = world.user('cy_p1');
    devices.register(ada.id, token('ada-phone'));
    devices.register(bob.id, token('bob-phone'));
    devices.register(bob.id, token('bob-old-phone'));
    devices.register(cy.id, token('cy-phone'));
    await world.online(cy.id);
    const room = await ada.call(createRoom, { kind: 'open', name: 'Trip' });
    await bob.call(joinRoom, { roomId: room.id });
    await cy.call(joinRoom, { roomId: room.id });

    const message = await ada.call(sendMessage, {
      roomId: room.id,
      clientMsgId: 'p1',
      kind: 'text',
      text: 'Leaving at 9',
    });
    await eventually(() => expect(fcm.sent).toHaveLength(1));
    expect(fcm.sent[0]).toMatchObject({
      token: token('bob-phone'),
      notification: { title: ada.nickname, body: 'Leaving at 9' },
      data: { type: 'chat.message', roomId: room.id, messageId: message.id },
      android: { collapse_key: `room:${room.id}` },
    });
    await eventually(() => expect(devices.invalidated).toEqual([token('bob-old-phone')]));
    expect(fcm.exchanges[0]).toMatchObject({ scope: 'https://www.googleapis.com/auth/firebase.messaging' });

    await ada.call(sendMessage, { roomId: room.id, clientMsgId: 'p1', kind: 'text', text: 'Leaving at 9' });
    await ada.call(sendMessage, { roomId: room.id, clientMsgId: 'p2', kind: 'text', text: 'Bring snacks' });
    await eventually(() => expect(fcm.sent).toHaveLength(2));
    await pause(300);
    expect(fcm.sent.map((m) => m.notification?.body)).toEqual(['Leaving at 9', 'Bring snacks']);
    expect(fcm.sent.every((m) => m.token === token('bob-phone'))).toBe(true);
    expect(fcm.exchanges).toHaveLength(1);
  });
});
