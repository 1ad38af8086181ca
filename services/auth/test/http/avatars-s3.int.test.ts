import { startS3Server } from '@seed/runtime/testing/s3';
import { describe, expect, type TestGateway as Gateway } from '@seed/testkit';
import { download, signedInUser } from '../support/avatar-client.ts';
import { type AuthWorld, authWorldOf, test } from '../support/fixtures.ts';
import { NOT_AN_IMAGE, PNG } from '../support/images.ts';

describe('avatars, S3 driver against a local S3-compatible server', () => {
  let world: AuthWorld;
  let gw: Gateway;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  test.beforeAll(async ({ startTestService, nc, redis, redisPrefix, natsUrl, logger, gateway }) => {
    s3 = await startS3Server('auth-avatars');
    const auth = await startTestService('auth', { env: s3.env });
    world = authWorldOf({ auth, nc, redis, redisPrefix, natsUrl, logger });
    gw = gateway;
  });
  test.afterAll(async () => {
    await world?.stop();
    await s3?.stop();
  });

  test('sends the bytes to a pre-signed URL and shows them through a signed read URL', async () => {
    const ada = await signedInUser(world, gw.url);
    const declared = await ada.declare(PNG);
    expect(declared.body.data.uploadUrl.startsWith(s3.endpoint)).toBe(true);
    expect((await ada.send(declared.body.data, PNG)).status).toBe(200);
    expect((await ada.complete(declared.body.data.upload.id)).status).toBe(200);
    expect((await ada.setAvatar(declared.body.data.upload.id)).status).toBe(200);
    const url = (await ada.avatarUrl())!;
    expect(url.startsWith(s3.endpoint)).toBe(true);
    const shown = await download(url);
    expect(shown.status).toBe(200);
    expect(shown.bytes.equals(PNG)).toBe(true);

    const fake = await ada.declare(NOT_AN_IMAGE);
    await ada.send(fake.body.data, NOT_AN_IMAGE);
    expect((await ada.complete(fake.body.data.upload.id)).body.error.code).toBe('unsupported_media_type');
  });
});
