import { isApiError } from '@seed/client';
import {
  DEMO_PASSWORD,
  type DemoUserKey,
  demoDirectRoom,
  demoFriendships,
  demoGroupRoom,
  demoPlaylists,
  demoUsers,
} from './demo-data.ts';
import { type DemoUser, demoUser } from './demo-users.ts';

type Users = Record<DemoUserKey, DemoUser>;

async function befriend(users: Users, a: DemoUserKey, b: DemoUserKey): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    try {
      // Asking someone who already asked you accepts their request.
      await users[from].client.chat.friendRequest.send({ nickname: users[to].me.nickname });
    } catch (err) {
      if (!isApiError(err, 'already_friends')) throw err;
    }
  }
}

/** Sends each line once: its clientMsgId makes a second run return the first run's message. */
async function converse(users: Users, roomId: string, key: string, history: [DemoUserKey, string][]) {
  for (const [i, [author, text]] of history.entries())
    await users[author].client.chat.message.send({ roomId, clientMsgId: `demo:${key}:${i}`, text });
}

async function groupRoom(users: Users): Promise<string> {
  const owner = users[demoGroupRoom.owner].client;
  const existing = (await owner.chat.room.list()).find((r) => r.kind === 'group' && r.name === demoGroupRoom.name);
  const room =
    existing ??
    (await owner.chat.room.create({
      kind: 'group',
      name: demoGroupRoom.name,
      inviteUserIds: demoGroupRoom.members.map((m) => users[m].me.id),
    }));
  for (const member of demoGroupRoom.members) {
    const { client } = users[member];
    for (const invitation of await client.chat.invitation.list())
      if (invitation.room.id === room.id) await client.chat.invitation.accept({ invitationId: invitation.id });
  }
  await converse(users, room.id, 'book-club', demoGroupRoom.history);
  return room.id;
}

async function directRoom(users: Users): Promise<string> {
  const [a, b] = demoDirectRoom.between;
  const room = await users[a].client.chat.room.direct({ userId: users[b].me.id });
  await converse(users, room.id, 'direct', demoDirectRoom.history);
  return room.id;
}

async function playlist(users: Users, spec: (typeof demoPlaylists)[number]): Promise<number> {
  const { client } = users[spec.owner];
  let found: string | undefined;
  for await (const p of client.playco.playlist.list.each({ limit: 100 })) if (p.name === spec.name) found = p.id;
  let detail = found
    ? await client.playco.playlist.get({ playlistId: found })
    : await client.playco.playlist.create({
        name: spec.name,
        description: spec.description,
        publicListable: true,
        publicReadable: true,
        publicItemAppendable: true,
      });
  for (const url of spec.videos) {
    const videoId = new URL(url).searchParams.get('v') ?? new URL(url).pathname.slice(1);
    if (detail.items.some((i) => i.videoId === videoId)) continue;
    try {
      ({ playlist: detail } = await client.playco.item.add({ playlistId: detail.id, version: detail.version, url }));
    } catch (err) {
      if (isApiError(err, 'metadata_unavailable'))
        throw new Error(
          'playco could not reach YouTube oEmbed to add videos (metadata_unavailable): connect this machine to ' +
            'the internet, or point playco’s YOUTUBE_OEMBED_URL at a stand-in',
        );
      throw err;
    }
  }
  return detail.items.length;
}

/** Loads every part of the demo and says what is there and how to sign in. */
export async function loadDemo(baseUrl: string): Promise<string> {
  const users = {} as Users;
  for (const u of demoUsers) users[u.key] = await demoUser(baseUrl, u);
  for (const [a, b] of demoFriendships) await befriend(users, a, b);
  await groupRoom(users);
  await directRoom(users);
  const items = [];
  for (const spec of demoPlaylists) items.push(`${spec.name} (${await playlist(users, spec)} videos)`);

  const created = demoUsers.filter((u) => users[u.key].created).length;
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  return [
    `Demo data is ready on ${baseUrl} (${created ? `${created} users created` : 'everything was already there'}).`,
    '',
    `  ${'login'.padEnd(width)}  nickname     password`,
    ...demoUsers.map((u) => `  ${u.email.padEnd(width)}  ${u.nickname.padEnd(11)}  ${DEMO_PASSWORD}`),
    '',
    `Friends: everyone with everyone. Rooms: "${demoGroupRoom.name}" and a direct room of demo_ada and demo_grace.`,
    `Public playlists: ${items.join(', ')}.`,
    `Sign in at ${baseUrl}/console/ to look around.`,
  ].join('\n');
}
