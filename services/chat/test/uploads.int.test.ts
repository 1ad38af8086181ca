import { chatCleanup, createChatUpload, type Message } from '@seed/contracts';
import { request } from '@seed/runtime';
import { ask, describe, eventually, expect, received } from '@seed/testkit';
import { type ChatWorld, type GatewayPair, test } from './support/fixtures.ts';
import { NOT_AN_IMAGE, PNG } from './support/images.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string } };
const PUBLIC = 'http://gateway.example';

test.override(
  'serviceEnv',
  { scope: 'file' },
  { chat: { STORAGE_DRIVER: 'local', PUBLIC_BASE_URL: PUBLIC, STALE_UPLOAD_AGE_MS: '1' } },
);

describe('image uploads, local driver through the gateway', () => {
  let world: ChatWorld;
  let gateways: GatewayPair;
  test.beforeAll(({ chatWorld, gatewayPair }) => {
    world = chatWorld;
    gateways = gatewayPair;
  });

  /** The URL on a given replica: any replica serves any local file. */
  const on = (replicaUrl: string, url: string) => url.replace(PUBLIC, replicaUrl);

  async function api(path: string, userId: string, body: unknown) {
    const res = await fetch(`${gateways.a.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await gateways.token(userId)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data: Record<string, unknown>; error: { code: string } },
    };
  }

  test('uploads an image through one replica, sends it in a message and serves it from the other', async () => {
    const ada = world.user('ada_u1');
    const bob = world.user('bob_u1');
    const created = await api('/api/v1/chat/uploads', ada.id, {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: PNG.length,
    });
    expect(created.status).toBe(201);
    const { upload, uploadUrl, headers } = created.body.data as {
      upload: { id: string };
      uploadUrl: string;
      headers: Record<string, string>;
    };
    const put = await fetch(on(gateways.b.url, uploadUrl), { method: 'PUT', headers, body: PNG });
    expect(put.status).toBe(200);
    const completed = await api(`/api/v1/chat/uploads/${upload.id}/complete`, ada.id, {});
    expect(completed).toMatchObject({ status: 200, body: { data: { id: upload.id, contentType: 'image/png' } } });

    const bobSocket = await gateways.connect(gateways.b.url, bob.id);
    const adaSocket = await gateways.connect(gateways.a.url, ada.id);
    const got = received<Message>(bobSocket, 'chat:message:created');
    const room = (await ask<Ack<{ id: string }>>(adaSocket, 'chat:room:direct', { userId: bob.id })) as {
      ok: true;
      data: { id: string };
    };
    const sent = await ask<Ack<Message>>(adaSocket, 'chat:message:send', {
      roomId: room.data.id,
      clientMsgId: 'img1',
      kind: 'image',
      imageUploadId: upload.id,
      text: 'look',
    });
    expect(sent).toMatchObject({ ok: true, data: { kind: 'image', imageUploadId: upload.id, text: 'look' } });
    await eventually(() => expect(got).toHaveLength(1));
    const image = await fetch(on(gateways.a.url, got[0]!.imageUrl!));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    const bobsTry = await ask<Ack<Message>>(bobSocket, 'chat:message:send', {
      roomId: room.data.id,
      clientMsgId: 'img2',
      kind: 'image',
      imageUploadId: upload.id,
    });
    expect(bobsTry).toMatchObject({ ok: false, error: { code: 'upload_not_found' } });
  });

  test('refuses wrong types, sizes and contents, and bytes beyond the declared size', async () => {
    const ada = world.user('ada_u2');
    expect(
      (await api('/api/v1/chat/uploads', ada.id, { purpose: 'chat_image', contentType: 'application/pdf', size: 10 }))
        .body.error.code,
    ).toBe('unsupported_media_type');
    expect(
      (
        await api('/api/v1/chat/uploads', ada.id, {
          purpose: 'chat_image',
          contentType: 'image/png',
          size: 50 * 1024 * 1024,
        })
      ).body.error.code,
    ).toBe('payload_too_large');
    expect(
      (await api('/api/v1/chat/uploads', ada.id, { purpose: 'avatar', contentType: 'image/png', size: 10 })).body.error
        .code,
    ).toBe('validation_failed');

    const fake = await api('/api/v1/chat/uploads', ada.id, {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: NOT_AN_IMAGE.length,
    });
    const fakeData = fake.body.data as { upload: { id: string }; uploadUrl: string; headers: Record<string, string> };
    expect(
      (
        await fetch(on(gateways.a.url, fakeData.uploadUrl), {
          method: 'PUT',
          headers: fakeData.headers,
          body: NOT_AN_IMAGE,
        })
      ).status,
    ).toBe(200);
    const refused = await api(`/api/v1/chat/uploads/${fakeData.upload.id}/complete`, ada.id, {});
    expect(refused).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });

    const small = await api('/api/v1/chat/uploads', ada.id, {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: 10,
    });
    const smallData = small.body.data as { upload: { id: string }; uploadUrl: string; headers: Record<string, string> };
    const tooMuch = await fetch(on(gateways.a.url, smallData.uploadUrl), {
      method: 'PUT',
      headers: smallData.headers,
      body: PNG,
    });
    expect(tooMuch.status).toBe(413);
    expect((await api(`/api/v1/chat/uploads/${smallData.upload.id}/complete`, ada.id, {})).status).toBe(422);
    expect((await fetch(`${gateways.a.url}/api/v1/files/${'x'.repeat(43)}`)).status).toBe(404);
  });

  test('removes uploads never completed when the cleanup runs', async () => {
    const ada = world.user('ada_u3');
    await ada.call(createChatUpload, { purpose: 'chat_image', contentType: 'image/png', size: PNG.length });
    const { purged } = await request(world.nc, chatCleanup, { period: 'p' });
    expect(purged.uploads).toBeGreaterThanOrEqual(1);
  });
});
