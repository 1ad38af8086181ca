import { createClient } from '@seed/client';
import { completeChatUpload, createChatUpload, openDirectRoom, sendMessage } from '@seed/contracts';
import { startS3Server } from '@seed/runtime/testing/s3';
import { describe, expect } from '@seed/testkit';
import { type ChatWorld, chatWorldOf, test } from './support/fixtures.ts';
import { NOT_AN_IMAGE, PNG } from './support/images.ts';

describe('image uploads, S3 driver against a local S3-compatible server', () => {
  let world: ChatWorld;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  test.beforeAll(async ({ startTestService, nc, redis, fakeAuth, logger }) => {
    s3 = await startS3Server('chat-uploads');
    const chat = await startTestService('chat', { env: s3.env });
    world = chatWorldOf({ chat, nc, redis, fakeAuth, logger });
  });
  test.afterAll(() => s3?.stop());

  test('sends the bytes to a pre-signed URL, checks them and serves them through a signed URL', async () => {
    const ada = world.user('ada_s3');
    const bob = world.user('bob_s3');
    const created = await ada.call(createChatUpload, {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: PNG.length,
    });
    expect(created.uploadUrl.startsWith(s3.endpoint)).toBe(true);
    const put = await fetch(created.uploadUrl, { method: 'PUT', headers: created.headers, body: PNG });
    expect(put.status).toBe(200);
    await ada.call(completeChatUpload, { uploadId: created.upload.id });
    const room = await ada.call(openDirectRoom, { userId: bob.id });
    const message = await ada.call(sendMessage, {
      roomId: room.id,
      clientMsgId: 's3',
      kind: 'image',
      imageUploadId: created.upload.id,
    });
    const image = await fetch(message.imageUrl!);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });

  test('refuses an object whose bytes are not the declared image type', async () => {
    const ada = world.user('ada_s3b');
    const created = await ada.call(createChatUpload, {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: NOT_AN_IMAGE.length,
    });
    await fetch(created.uploadUrl, { method: 'PUT', headers: created.headers, body: NOT_AN_IMAGE });
    await expect(ada.call(completeChatUpload, { uploadId: created.upload.id })).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
  });

  test('takes an upload from the typed client, which sends the bytes to the pre-signed URL itself', async ({
    gateway,
    fakeAuth,
  }) => {
    const ada = world.user('ada_s3c');
    const client = createClient({ baseUrl: gateway.url, tokens: { accessToken: await fakeAuth.sign(ada.id) } });
    const upload = await client.upload('chat', { purpose: 'chat_image', body: PNG, contentType: 'image/png' });
    expect(upload).toMatchObject({ purpose: 'chat_image', size: PNG.length });
    expect(upload.completedAt).not.toBeNull();
    const bob = world.user('bob_s3c');
    const room = await client.chat.room.direct({ userId: bob.id });
    const message = await client.chat.message.send({
      roomId: room.id,
      clientMsgId: 's3-client',
      kind: 'image',
      imageUploadId: upload.id,
    });
    expect(message.imageUrl?.startsWith(s3.endpoint)).toBe(true);
    expect(Buffer.from(await (await fetch(message.imageUrl!)).arrayBuffer()).equals(PNG)).toBe(true);
  });
});
