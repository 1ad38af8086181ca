import postgres from 'postgres';

export interface RoutesData {
  accessToken: string;
  playlistId: string;
  roomId: string;
}

const PASSWORD = 'bench password of a user';

async function call<T>(baseUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { data: T }).data;
}

/**
 * What the routes scenario reads, made through the public API of the running cluster: a user
 * (signed up, email marked verified in auth's tables, signed in), a playlist of theirs, and a chat
 * room of theirs holding `messages` messages.
 */
export async function seedRoutesData(baseUrl: string, databaseUrl: string, messages: number): Promise<RoutesData> {
  const nickname = `routes_${process.pid}`;
  await call(baseUrl, 'POST', '/api/v1/auth/signup', {
    email: `${nickname}@bench.example`,
    password: PASSWORD,
    nickname,
  });
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await db`update auth.users set email_verified_at = now() where nickname = ${nickname}`;
  } finally {
    await db.end();
  }
  const { accessToken } = await call<{ accessToken: string }>(baseUrl, 'POST', '/api/v1/auth/login', {
    login: nickname,
    password: PASSWORD,
  });
  const playlist = await call<{ id: string }>(
    baseUrl,
    'POST',
    '/api/v1/playco/playlists',
    { name: 'bench' },
    accessToken,
  );
  const room = await call<{ id: string }>(
    baseUrl,
    'POST',
    '/api/v1/chat/rooms',
    { kind: 'group', name: 'bench' },
    accessToken,
  );
  for (let i = 0; i < messages; i++)
    await call(
      baseUrl,
      'POST',
      `/api/v1/chat/rooms/${room.id}/messages`,
      { clientMsgId: `seed-${i}`, text: `message ${i}` },
      accessToken,
    );
  return { accessToken, playlistId: playlist.id, roomId: room.id };
}
