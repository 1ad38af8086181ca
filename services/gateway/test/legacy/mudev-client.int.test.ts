import { describe, expect, nextEvent, test } from '@seed/testkit';
import { emailInbox } from './support/emails.ts';
import { type APIResult, type FrostApi, frostApi, mudevRequests, playcoSocket } from './support/mudev-client.ts';

// biome-ignore lint/suspicious/noExplicitAny: the client reads events untyped
type Payload = any;

const watch = (n: number) => `https://www.youtube.com/watch?v=mudev${String(n).padStart(6, '0')}`;

// A user of the MUdev web client, from sign-up to a live PlayCo session with another member.
describe('the MUdev web client (PlayCo) against /legacy/mudev/', () => {
  test('signs up and in, edits a playlist by index, and sees another member in the live session', async ({
    auth,
    playco,
    gateway,
    nc,
  }) => {
    expect([auth.name, playco.name]).toEqual(['auth', 'playco']);
    const baseUrl = `${gateway.url}/legacy/mudev/`;
    const inbox = emailInbox(nc);
    const password = 'correct horse battery staple';

    // Sign up (src/network/api.ts signUp): the account waits for its email to be confirmed.
    const ada = frostApi(baseUrl);
    const signedUp = await ada.signedIn(mudevRequests.signUp('ada_mu', 'ada@mudev.example', password, 'Ada'));
    expect(signedUp).toMatchObject({ status: 201, success: true, subCode: 'user.sign_up_but_need_email_verification' });
    const early = await ada.signedIn(mudevRequests.signIn('ada_mu', password));
    expect(early).toMatchObject({ status: 401, success: false, subCode: 'user.email_not_verified' });
    const taken = await ada.send(mudevRequests.signUp('ada_mu', 'other@mudev.example', password, 'Ada'));
    expect(taken).toMatchObject({ success: false, subCode: 'user.already_used' });
    expect(taken.data.duplicate[0]).toBe('id');
    await inbox.confirm(gateway.url, 'ada@mudev.example');

    // Sign in by id (the nickname), and by email; a wrong password is `user.wrong_password`.
    const wrong = await ada.signedIn(mudevRequests.signIn('ada_mu', 'not the password'));
    expect(wrong).toMatchObject({ status: 401, success: false, subCode: 'user.wrong_password' });
    expect(wrong.data.left_chance).toBe(4);
    const signedIn = await ada.signedIn(mudevRequests.signIn('ada_mu', password));
    expect(signedIn).toMatchObject({ status: 200, success: true, code: 200, subCode: 'user.sign_in' });
    expect(Date.parse(signedIn.data.user.access_token.exp)).toBeGreaterThan(Date.now());
    // What src/redux/modules/account/action_creator.ts keeps of `userData`.
    expect(ada.userData).toMatchObject({ id: 'ada_mu', nickname: 'Ada', email: 'ada@mudev.example' });
    expect(ada.userData.uuid).toMatch(/^\d+$/);
    expect(ada.jar.has('refresh_token')).toBe(true);
    expect((await frostApi(baseUrl).signedIn(mudevRequests.signIn('ada@mudev.example', password))).success).toBe(true);

    // Refresh: a bodiless POST with the JSON content type and the cookie. Two tabs of one browser
    // refreshing at once both stay signed in, with the same new token.
    const firstToken = ada.accessToken;
    const otherTab = frostApi(baseUrl, ada.jar);
    const [tab1, tab2] = await Promise.all([
      ada.signedIn(mudevRequests.refresh()),
      otherTab.signedIn(mudevRequests.refresh()),
    ]);
    expect([tab1.subCode, tab2.subCode]).toEqual(['access_token.refreshed', 'access_token.refreshed']);
    expect(ada.accessToken).not.toBe(firstToken);
    expect(otherTab.accessToken).toBe(ada.accessToken);

    // PlayCo's main page (src/ui/page/playco/main.tsx): no playlist yet, then one made by the modal.
    const none = await ada.send(mudevRequests.getAllPlaylists());
    expect(none).toMatchObject({ code: 404, subCode: 'resource.not_found' });
    // src/ui/page/playco/element/playlistControlModal.tsx, currentStateToPlaylistConfig()
    const created = await ada.send(
      mudevRequests.createPlaylist({
        name: 'Road trip',
        allow_duplicate: true,
        public_accessable: false,
        public_item_appendable: false,
        public_item_deletable: false,
      }),
    );
    expect(created).toMatchObject({ success: true, code: 201 });
    const listed = await ada.send(mudevRequests.getAllPlaylists());
    expect(listed).toMatchObject({ code: 200, subCode: 'resource.multiple_result' });
    const [summary] = listed.data.playco_playlists;
    // `new Playlist(v)` takes a playlist with a `blocked_at` field, even null, for a blocked one.
    expect(Object.hasOwn(summary, 'blocked_at')).toBe(false);
    expect(summary).toMatchObject({
      name: 'Road trip',
      created_by_uuid: ada.userData.uuid,
      created_by_nick: 'ada_mu',
      public_accessable: false,
      allow_duplicate: true,
      item_count: 0,
    });
    const playlistId: string = summary.uuid;
    // main.tsx enterPlaylist: `isNumeric` then `/playco/<id>`; the id stays a string, every digit kept.
    expect(playlistId).toMatch(/^\d+$/);

    // The playlist page (playlistDetailPage.tsx): getPlaylistInfo keeps `data.playco_playlist` and the ETag.
    const info = async () => {
      const result = await ada.send(mudevRequests.getPlaylistInfo(playlistId));
      expect(result).toMatchObject({ code: 200, subCode: 'resource.result' });
      return { playlist: result.data.playco_playlist, hash: result.header.get('etag') ?? '' };
    };
    let { hash } = await info();
    expect(hash).not.toBe('');
    for (const n of [1, 2, 3]) {
      const added = await ada.send(mudevRequests.insertPlaylistItem(playlistId, watch(n), hash));
      expect(added.success).toBe(true);
      ({ hash } = await info());
    }
    const stale = await ada.send(mudevRequests.insertPlaylistItem(playlistId, watch(4), '"0"'));
    expect(stale).toMatchObject({ success: false, code: 412, subCode: 'resource.prediction_failed' });
    expect(stale.data.prediction_failed_reason).toContain('playlist_outdated');
    const notYoutube = await ada.send(mudevRequests.insertPlaylistItem(playlistId, 'https://vimeo.com/1', hash));
    expect(notYoutube.subCode).toBe('resource.prediction_failed');
    expect(notYoutube.data.prediction_failed_reason).toContain('link_not_implemented');

    let { playlist } = await info();
    expect(playlist.items.map((i: { link_id: string }) => i.link_id)).toEqual([
      'mudev000001',
      'mudev000002',
      'mudev000003',
    ]);
    expect(playlist.items[0]).toMatchObject({ index: 0, link: watch(1), name: expect.any(String) });

    // Moved by link to an index, deleted by index.
    const moved = await ada.send(mudevRequests.movePlaylistItem(playlistId, playlist.items[2].link, 0, hash));
    expect(moved).toMatchObject({ success: true, code: 201 });
    ({ playlist, hash } = await info());
    expect(playlist.items.map((i: { link_id: string }) => i.link_id)).toEqual([
      'mudev000003',
      'mudev000001',
      'mudev000002',
    ]);
    const deleted = await ada.send(mudevRequests.deletePlaylistItem(playlistId, 1, hash));
    expect(deleted).toMatchObject({ success: true, code: 204 });
    ({ playlist, hash } = await info());
    expect(playlist.items.map((i: { link_id: string }) => i.link_id)).toEqual(['mudev000003', 'mudev000002']);

    // The settings modal opens it to others (modifyPlaylist with the hash).
    const opened = await ada.send(
      mudevRequests.modifyPlaylist(
        playlistId,
        { name: 'Road trip', public_accessable: true, public_item_appendable: true },
        hash,
      ),
    );
    expect(opened.code).toBeGreaterThanOrEqual(200);
    expect(opened.code).toBeLessThanOrEqual(399);

    // A second user of the client, signed in.
    const bob = frostApi(baseUrl);
    expect((await bob.send(mudevRequests.signUp('bob_mu', 'bob@mudev.example', password, 'Bob'))).success).toBe(true);
    await inbox.confirm(gateway.url, 'bob@mudev.example');
    expect((await bob.signedIn(mudevRequests.signIn('bob_mu', password))).success).toBe(true);

    // The live session (sio.ts): connect, get a Socket.IO token, playco_connect, playlist_enter.
    const enter = async (api: FrostApi, currentlyPlaying: number) => {
      const live = await playcoSocket(gateway.url, api);
      const token: APIResult = await live.refreshSioToken();
      expect(token).toMatchObject({ success: true, code: 201 });
      expect(typeof token.data.sio_token.token).toBe('string');
      expect(Date.parse(token.data.sio_token.exp)).toBeGreaterThan(Date.now());
      expect(await live.emitEvent('playco_connect', live.getAuthBody())).toMatchObject({ success: true });
      const ownEntry = nextEvent(live.socket, 'PLAYLIST_USER_ENTERED');
      const entered = await live.emitEvent(
        'playlist_enter',
        live.getAuthBody({ playlist_id: playlistId, currently_playing: currentlyPlaying }),
      );
      expect(entered).toMatchObject({ success: true, subCode: 'USER_JOINED' });
      // biome-ignore lint/suspicious/noExplicitAny: the client reads it untyped
      return { live, room: ((await ownEntry) as any).data.room };
    };
    const adaLive = await enter(ada, 0);
    // onPlaylistUserStateModified: `playlist_id` against the page's uuid, `participants[nick].status.currently_playing`.
    expect(adaLive.room.playlist_id).toBe(playlistId);
    expect(adaLive.room.participants).toEqual({
      'ada_mu#1': { nickname: 'ada_mu#1', data: {}, status: { currently_playing: 0 } },
    });

    const bobSeen = nextEvent(adaLive.live.socket, 'PLAYLIST_USER_ENTERED');
    const bobLive = await enter(bob, 1);
    // biome-ignore lint/suspicious/noExplicitAny: the client reads it untyped
    const seenRoom = ((await bobSeen) as any).data.room;
    expect(seenRoom.participants['bob_mu#1'].status.currently_playing).toBe(1);
    expect(Object.keys(bobLive.room.participants).sort()).toEqual(['ada_mu#1', 'bob_mu#1']);

    // What a member plays (setSessionCurrentPlaying) reaches the others as PLAYLIST_MODIFIED, no refetch.
    const statusSeen = nextEvent(adaLive.live.socket, 'PLAYLIST_MODIFIED');
    const set = await bobLive.live.emitEvent(
      'playlist_set_status',
      bobLive.live.getAuthBody({ playlist_id: playlistId, currently_playing: 0 }),
    );
    expect(set).toMatchObject({ success: true, subCode: 'ROOM_MODIFIED' });
    // biome-ignore lint/suspicious/noExplicitAny: the client reads it untyped
    const statusRoom = ((await statusSeen) as any).data.room;
    expect(statusRoom.participants['bob_mu#1'].status.currently_playing).toBe(0);
    expect(statusRoom.db_modified).toBe(false);
    const omitted = await bobLive.live.emitEvent(
      'playlist_set_status',
      bobLive.live.getAuthBody({ playlist_id: playlistId }),
    );
    expect(omitted).toMatchObject({
      success: false,
      subCode: 'PAYLOAD_REQUIRED_OMITTED',
      data: { omitted: 'currently_playing' },
    });

    // A change over HTTP tells the others to read the playlist again (`db_modified`).
    const changeSeen = nextEvent<Payload>(
      bobLive.live.socket,
      'PLAYLIST_MODIFIED',
      (e) => e.data.room.db_modified === true,
    );
    ({ hash } = await info());
    expect((await bob.send(mudevRequests.insertPlaylistItem(playlistId, watch(5), hash))).success).toBe(true);
    await changeSeen;

    // Members leave; the owner deletes the playlist (without If-Match), another member may not.
    adaLive.live.close();
    bobLive.live.close();
    const refused = await bob.send(mudevRequests.deletePlaylist(playlistId));
    expect(refused).toMatchObject({ success: false, code: 403, subCode: 'resource.forbidden' });
    expect(await ada.send(mudevRequests.deletePlaylist(playlistId))).toMatchObject({ success: true, code: 204 });
    expect((await ada.send(mudevRequests.getAllPlaylists())).subCode).toBe('resource.not_found');

    // Signing out ends the session: its refresh token no longer refreshes.
    const signedOutJar = new Map(ada.jar);
    expect(await ada.send(mudevRequests.signOut())).toMatchObject({ success: true, subCode: 'user.sign_out' });
    expect(ada.jar.has('refresh_token')).toBe(false);
    const afterSignOut = await frostApi(baseUrl, signedOutJar).signedIn(mudevRequests.refresh());
    expect(afterSignOut).toMatchObject({ success: false, code: 401, subCode: 'refresh_token.invalid' });
    inbox.stop();
  });
});
