import { createRoom, joinRoom, sendMessage } from '@seed/contracts';
import { describe, eventually, expect, type FakeAuth, pause, startFakeFcm } from '@seed/testkit';
import { type ChatWorld, test } from './support/fixtures.ts';

const token = (name: string) => `${name}-fcm-registration-token-0123456789`;

describe('push for new messages through FCM HTTP v1', () => {
  let world: ChatWorld;
  let fcm: Awaited<ReturnType<typeof startFakeFcm>>;
  let devices: FakeAuth;

  test.beforeAll(async ({ chatWorld, fakeAuth, startTestService }) => {
    world = chatWorld;
    devices = fakeAuth;
    fcm = await startFakeFcm({ projectId: 'test-project', deadTokens: [token('bob-old-phone')] });
    await startTestService('worker', {
      env: {
        PUSH_DRIVER: 'fcm',
        FCM_CREDENTIALS: fcm.credentials,
        FCM_BASE_URL: fcm.baseUrl,
        FCM_TOKEN_URL: fcm.tokenUrl,
      },
    });
  });
  test.afterAll(() => fcm?.stop());

  test('pushes only to members with no connected socket, and forgets unregistered tokens', async () => {
    const ada = world.user('ada_p1');
    const bob = world.user('bob_p1');
    const cy = world.user('cy_p1');
    devices.registerDevice(ada.id, token('ada-phone'));
    devices.registerDevice(bob.id, token('bob-phone'));
    devices.registerDevice(bob.id, token('bob-old-phone'));
    devices.registerDevice(cy.id, token('cy-phone'));
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
    await eventually(() => expect(devices.invalidatedDevices).toEqual([token('bob-old-phone')]));
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
