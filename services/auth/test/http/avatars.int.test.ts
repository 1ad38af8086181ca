import { authCleanup, findUser, getUsers } from '@seed/contracts';
import { request } from '@seed/runtime';
import { describe, expect, type TestGateway as Gateway } from '@seed/testkit';
import { download, signedInUser } from '../support/avatar-client.ts';
import { AUTH_TEST_ENV, type AuthWorld, test } from '../support/fixtures.ts';
import { GIF, NOT_AN_IMAGE, PNG } from '../support/images.ts';

const PUBLIC = 'http://gateway.example';

test.override(
  'serviceEnv',
  { scope: 'file' },
  { auth: { ...AUTH_TEST_ENV, STORAGE_DRIVER: 'local', PUBLIC_BASE_URL: PUBLIC, STALE_UPLOAD_AGE_MS: '1' } },
);

describe('avatars, local driver through the gateway', () => {
  let world: AuthWorld;
  let gw: Gateway;
  test.beforeAll(({ authWorld, gateway }) => {
    world = authWorld;
    gw = gateway;
  });

  const reach = (url: string) => url.replace(PUBLIC, gw.url);
  const user = () => signedInUser(world, gw.url, reach);

  test('uploads an avatar, sets it and shows the same bytes in every view of the user', async () => {
    const ada = await user();
    const bob = await user();
    const declared = await ada.declare(PNG);
    expect(declared.status).toBe(201);
    expect(declared.body.data.uploadUrl.startsWith(`${PUBLIC}/api/v1/files/`)).toBe(true);
    expect((await ada.send(declared.body.data, PNG)).status).toBe(200);
    const completed = await ada.complete(declared.body.data.upload.id);
    expect(completed).toMatchObject({ status: 200, body: { data: { contentType: 'image/png', size: PNG.length } } });

    const set = await ada.setAvatar(declared.body.data.upload.id);
    expect(set.status).toBe(200);
    expect(set.body.data.avatarUrl).toEqual(expect.any(String));

    const own = await download(reach((await ada.avatarUrl())!));
    expect(own).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(own.bytes.equals(PNG)).toBe(true);

    const byId = await bob.call<{ data: { avatarUrl: string } }>('GET', `/api/v1/users/${ada.id}`);
    expect((await download(reach(byId.body.data.avatarUrl))).bytes.equals(PNG)).toBe(true);
    const byNickname = await bob.call<{ data: { avatarUrl: string }[] }>(
      'GET',
      `/api/v1/users?nickname=${ada.nickname}`,
    );
    expect((await download(reach(byNickname.body.data[0]!.avatarUrl))).bytes.equals(PNG)).toBe(true);
    const { users } = await request(world.nc, getUsers, { ids: [ada.id, bob.id] });
    expect(users.find((u) => u.id === ada.id)?.avatarUrl).toEqual(expect.any(String));
    expect(users.find((u) => u.id === bob.id)?.avatarUrl).toBeNull();
    const { user: found } = await request(world.nc, findUser, { nickname: ada.nickname });
    expect((await download(reach(found!.avatarUrl!))).bytes.equals(PNG)).toBe(true);

    const removed = await ada.setAvatar(null);
    expect(removed).toMatchObject({ status: 200, body: { data: { avatarUrl: null } } });
    expect(await ada.avatarUrl()).toBeNull();
  });

  test('refuses other types and sizes, and bytes that are not an image when completing', async () => {
    const ada = await user();
    const pdf = await ada.call('POST', '/api/v1/auth/uploads', {
      purpose: 'avatar',
      contentType: 'application/pdf',
      size: 10,
    });
    expect(pdf).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    const huge = await ada.call('POST', '/api/v1/auth/uploads', {
      purpose: 'avatar',
      contentType: 'image/png',
      size: 5 * 1024 * 1024 + 1,
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const otherPurpose = await ada.call('POST', '/api/v1/auth/uploads', {
      purpose: 'chat_image',
      contentType: 'image/png',
      size: 10,
    });
    expect(otherPurpose).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });

    const fake = await ada.declare(NOT_AN_IMAGE);
    expect((await ada.send(fake.body.data, NOT_AN_IMAGE)).status).toBe(200);
    const refused = await ada.complete(fake.body.data.upload.id);
    expect(refused).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    const mislabelled = await ada.declare(GIF, 'image/png');
    await ada.send(mislabelled.body.data, GIF);
    expect((await ada.complete(mislabelled.body.data.upload.id)).status).toBe(415);

    expect((await ada.setAvatar(fake.body.data.upload.id)).status).toBe(422);
    expect(await ada.avatarUrl()).toBeNull();
  });

  test("sets neither another user's upload nor one not completed", async () => {
    const ada = await user();
    const eve = await user();
    const adas = await ada.upload(GIF, 'image/gif');
    const stolen = await eve.setAvatar(adas);
    expect(stolen).toMatchObject({ status: 404, body: { error: { code: 'upload_not_found' } } });
    expect(await eve.avatarUrl()).toBeNull();
    expect((await eve.complete(adas)).body.error.code).toBe('upload_not_found');
    expect((await eve.setAvatar('12345')).body.error.code).toBe('upload_not_found');

    const pending = await eve.declare(PNG);
    const early = await eve.setAvatar(pending.body.data.upload.id);
    expect(early).toMatchObject({ status: 422, body: { error: { code: 'unprocessable' } } });

    expect((await ada.setAvatar(adas)).status).toBe(200);
    const shown = await download(reach((await ada.avatarUrl())!));
    expect(shown).toMatchObject({ status: 200, contentType: 'image/gif' });
  });

  test('cleanup removes uploads never completed and the objects of replaced avatars', async () => {
    const ada = await user();
    const pending = await ada.declare(PNG);
    await ada.send(pending.body.data, PNG);
    expect((await ada.setAvatar(await ada.upload(PNG))).status).toBe(200);
    const oldUrl = reach((await ada.avatarUrl())!);
    expect((await ada.setAvatar(await ada.upload(GIF, 'image/gif'))).status).toBe(200);
    expect((await download(oldUrl)).status).toBe(200);

    const { purged } = await request(world.nc, authCleanup, { period: 'test' });
    expect(purged.uploads).toBeGreaterThanOrEqual(1);
    expect(purged.avatars).toBeGreaterThanOrEqual(1);
    expect((await ada.complete(pending.body.data.upload.id)).body.error.code).toBe('upload_not_found');
    expect((await download(oldUrl)).status).toBe(404);
    const current = await download(reach((await ada.avatarUrl())!));
    expect(current).toMatchObject({ status: 200, contentType: 'image/gif' });
    expect(current.bytes.equals(GIF)).toBe(true);
  });
});
