import { describe, eventually, expect, test } from '@seed/testkit';
import { emailInbox } from './support/emails.ts';
import { appChatId, appDatetime, rewindFrames, rewindInfo, rewindRequests } from './support/rewind-app.ts';
import { connectRewind, type RewindClient } from './support/rewind-client.ts';

// biome-ignore lint/suspicious/noExplicitAny: the app reads frames untyped
type Payload = any;

// Two users of the REWIND app, from registering to editing a DM, as the app's code reads each reply.
describe('the REWIND app against /legacy/rewind', () => {
  test('registers, logs in, befriends, sends a DM, loads its history and edits it', async ({
    auth,
    chat,
    gateway,
    nc,
  }) => {
    expect([auth.name, chat.name]).toEqual(['auth', 'chat']);
    const info = rewindInfo(gateway.url);
    const inbox = emailInbox(nc);
    const clients: RewindClient[] = [];
    const password = 'a long rewind passphrase';

    /** register_screen.dart then login_screen.dart: 201 with `payload.message`, then 201 with `payload.token`. */
    async function account(name: string) {
      const email = `${name}@rewind.example`;
      const registered = await rewindRequests.register(info.REGISTER, name, email, password);
      const registerBody: Payload = await registered.json();
      expect(registered.status).toBe(201);
      expect(registerBody.error ?? null).toBeNull();
      expect(registerBody.payload.message).toEqual(expect.any(String));
      // Not confirmed yet: anything but 201 shows `payload.message`.
      const early = await rewindRequests.login(info.LOGIN, email, password);
      expect(early.status).not.toBe(201);
      expect(((await early.json()) as Payload).payload.message).toEqual(expect.any(String));
      await inbox.confirm(gateway.url, email);
      const loggedIn = await rewindRequests.login(info.LOGIN, email, password);
      const loginBody: Payload = await loggedIn.json();
      expect(loggedIn.status).toBe(201);
      expect(loginBody.error ?? null).toBeNull();
      return { name, token: loginBody.payload.token as string };
    }

    /** lobby_screen.dart: openWIND() (heartbeat, auth), then WINDResponseAuth keeps `self_user.id`. */
    async function lobby(user: { name: string; token: string }) {
      const ws = await connectRewind(gateway.url, info.WEBSOCKET_PATH);
      clients.push(ws);
      ws.frame(rewindFrames.heartbeat(0));
      ws.frame(rewindFrames.auth(user.token));
      await eventually(() => expect(ws.of('auth')).toHaveLength(1));
      const payload: Payload = ws.of('auth')[0]!.payload;
      expect(payload.self_user).toMatchObject({ name: user.name });
      expect(typeof payload.self_user.id).toBe('string');
      return { ws, userId: payload.self_user.id as string, auth: payload };
    }

    const ada = await account('ada_rw');
    const bob = await account('bob_rw');
    const adaLobby = await lobby(ada);
    const bobLobby = await lobby(bob);
    // WINDResponseAuth: `json.decode(payload['mutual_users'])`, `json.decode(payload['mutual_requests'])`.
    expect(JSON.parse(adaLobby.auth.mutual_users)).toEqual([]);
    expect(JSON.parse(adaLobby.auth.mutual_requests)).toEqual([]);

    // A bad token: the app signs out on error code '4000'.
    const stranger = await connectRewind(gateway.url, info.WEBSOCKET_PATH);
    clients.push(stranger);
    stranger.frame(rewindFrames.heartbeat(0));
    stranger.frame(rewindFrames.auth('not-a-token'));
    await eventually(() => expect(stranger.of('error')[0]?.payload.code).toBe('4000'));

    // mutual_requests_screen.dart: a request by name; the other lobby gets a `mutual_users` object.
    adaLobby.ws.frame(rewindFrames.mutual(bob.name, 'request'));
    await eventually(() => expect(bobLobby.ws.of('mutual_users', 'request')).toHaveLength(1));
    const request: Payload = bobLobby.ws.of('mutual_users', 'request')[0]!.payload;
    expect(request.user).toMatchObject({ id: adaLobby.userId, name: ada.name });
    // A new lobby lists it in `mutual_requests`.
    const bobAgain = await lobby(bob);
    expect(JSON.parse(bobAgain.auth.mutual_requests)).toEqual([
      expect.objectContaining({ id: adaLobby.userId, name: ada.name }),
    ]);
    // mutual_requests_list.dart: accept (`response`); the app's 'ok' clears its requests.
    bobLobby.ws.frame(rewindFrames.mutual(request.user.name, 'response'));
    await eventually(() => expect(bobLobby.ws.of('ok').length).toBeGreaterThan(0));
    await eventually(() => expect(adaLobby.ws.of('mutual_users', 'response')).toHaveLength(1));

    // The lobby loads its friends: a `mutual_users` frame whose payload is the list.
    adaLobby.ws.frame(rewindFrames.loadMutualUsers());
    await eventually(() =>
      expect(adaLobby.ws.of('mutual_users').filter((f) => Array.isArray(f.payload))).toHaveLength(1),
    );
    const friends = adaLobby.ws.of('mutual_users').find((f) => Array.isArray(f.payload))!
      .payload as unknown as Payload[];
    expect(friends).toEqual([expect.objectContaining({ id: bobLobby.userId, name: bob.name })]);
    // addListMutualUsers: the DM's chat id is the XOR of the two ids, the same for both.
    const chatId = appChatId(friends[0].id, adaLobby.userId);
    expect(chatId).toBe(appChatId(adaLobby.userId, bobLobby.userId));

    // chat_screen.dart: history first (the app's own date form), then a message.
    adaLobby.ws.frame(rewindFrames.loadChat(chatId.toString(), appDatetime(new Date())));
    adaLobby.ws.frame(rewindFrames.send(chatId, 'hello from REWIND'));
    await eventually(() => expect(bobLobby.ws.of('chat', 'send')).toHaveLength(1));
    const received: Payload = bobLobby.ws.of('chat', 'send')[0]!.payload;
    // MessageManager: `payload['user_id'] == userId`, `int.parse(payload['chat_id'])`, content, created_at.
    expect(received).toMatchObject({ user_id: adaLobby.userId, content: 'hello from REWIND' });
    expect(BigInt.asIntN(64, BigInt(received.chat_id))).toBe(chatId);
    expect(received.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    await eventually(() => expect(adaLobby.ws.of('chat', 'send')).toHaveLength(1));
    bobLobby.ws.frame(rewindFrames.send(appChatId(adaLobby.userId, bobLobby.userId), 'hi ada'));
    await eventually(() => expect(adaLobby.ws.of('chat', 'send')).toHaveLength(2));

    // Bob opens the chat screen later: the history comes oldest first, so the newest ends at the bottom.
    const history = await connectRewind(gateway.url, info.WEBSOCKET_PATH);
    clients.push(history);
    history.frame(rewindFrames.heartbeat(0));
    history.frame(rewindFrames.auth(bob.token));
    await eventually(() => expect(history.of('auth')).toHaveLength(1));
    history.frame(rewindFrames.loadChat(chatId.toString(), appDatetime(new Date())));
    await eventually(() =>
      expect(history.of('chat').map((f) => f.payload.content)).toEqual(['hello from REWIND', 'hi ada']),
    );
    expect(history.of('error')).toEqual([]);

    // The original protocol's edit (REWIND's server README): the other member sees the new content, empty content deletes.
    const mine: Payload = adaLobby.ws.of('chat', 'send')[0]!.payload;
    adaLobby.ws.frame(rewindFrames.edit(chatId.toString(), mine.id, 'hello, edited'));
    await eventually(() =>
      expect(bobLobby.ws.of('chat', 'edit').at(-1)?.payload).toMatchObject({ id: mine.id, content: 'hello, edited' }),
    );

    // The lobby's Delete: both stop being friends.
    adaLobby.ws.frame(rewindFrames.deleteFriend(bob.name));
    await eventually(() => expect(bobLobby.ws.of('mutual_users', 'delete')).toHaveLength(1));
    bobLobby.ws.frame(rewindFrames.loadMutualUsers());
    await eventually(() =>
      expect(
        bobLobby.ws
          .of('mutual_users')
          .filter((f) => Array.isArray(f.payload))
          .at(-1)?.payload,
      ).toEqual([]),
    );
    for (const client of clients) client.close();
    inbox.stop();
  });
});
