// The REWIND app (github.com/lnJoy/REWIND_Frontend) as its code talks to its server, copied as
// data: the HTTP requests of `lib/ui/screens/register_screen.dart` and `login_screen.dart` (URLs from
// `lib/utils/info.dart`), the frames of `lib/providers/wind_websocket_provider.dart`, and what the
// screens (`lobby_screen.dart`, `chat_screen.dart`) compute from the replies.

/** `Info` with `ROOT` pointed at a gateway: `https://$ROOT/api/v1/auth/...`, `wss://$ROOT/ws` (as a path). */
export const rewindInfo = (gatewayUrl: string) => {
  const root = `${gatewayUrl}/legacy/rewind`;
  return {
    LOGIN: `${root}/api/v1/auth/login`,
    REGISTER: `${root}/api/v1/auth/register`,
    WEBSOCKET_PATH: '/legacy/rewind/ws',
  };
};

/**
 * `http.post(uri, headers: {Accept, Content-Type}, body: Map, encoding: utf-8)`: package:http sends a
 * Map as form fields and puts the encoding into the content type.
 */
function formPost(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(fields).toString(),
  });
}

export const rewindRequests = {
  // lib/ui/screens/register_screen.dart, register(username, email, password)
  register: (url: string, username: string, email: string, password: string) =>
    formPost(url, { name: username, email, password }),
  // lib/ui/screens/login_screen.dart, login(email, password)
  login: (url: string, email: string, password: string) => formPost(url, { email, password }),
};

/** The frames WINDWebSocketProvider sends, each `jsonEncode(WINDWebSocketRequest(type, payload))`. */
export const rewindFrames = {
  // openWIND(): a heartbeat, then auth with the stored token
  heartbeat: (count: number) => ({ type: 'heartbeat', payload: { count } }),
  auth: (token: string) => ({ type: 'auth', payload: { auth: token } }),
  // WINDMessageSender(chatID, content): `chat_id` as `chatID.toString()`
  send: (chatId: bigint, content: string) => ({
    type: 'chat',
    payload: { type: 'send', chat_id: chatId.toString(), content },
  }),
  // WINDMutualSender(name, type): request / response / remove
  mutual: (name: string, type: 'request' | 'response' | 'remove') => ({
    type: 'mutual_users',
    payload: { type, name },
  }),
  // WINDLoadMutualUsers(type: 'mutual_users'), from the lobby
  loadMutualUsers: () => ({ type: 'load', payload: { type: 'mutual_users' } }),
  // WINDLoadChatContents(chatID, datetime, count: 50), from the chat screen
  loadChat: (chatId: string, datetime: string, count = 50) => ({
    type: 'load',
    payload: { type: 'chat', load_id: chatId, datetime, count },
  }),
  // WINDMutualUserDeleter(name), from the lobby's Delete action
  deleteFriend: (name: string) => ({ type: 'mutual_users', payload: { type: 'delete', name } }),
  // The original protocol's edit, from REWIND's server README (the app has no edit screen): empty content deletes
  edit: (chatId: string, id: string, content: string) => ({
    type: 'chat',
    payload: { type: 'edit', chat_id: chatId, id, content },
  }),
};

/**
 * `DateFormat('yyyy-M-d HH:mm:ss.S000', 'ko_KR').format(DateTime.now().toUtc().add(9 hours))`, then
 * base64: month and day unpadded, one digit of fraction followed by `000`.
 */
export function appDatetime(now: Date): string {
  const kst = new Date(now.getTime() + 9 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text =
    `${kst.getUTCFullYear()}-${kst.getUTCMonth() + 1}-${kst.getUTCDate()} ` +
    `${pad(kst.getUTCHours())}:${pad(kst.getUTCMinutes())}:${pad(kst.getUTCSeconds())}.` +
    `${Math.floor(kst.getUTCMilliseconds() / 100)}000`;
  return Buffer.from(text, 'utf8').toString('base64');
}

/** lobby_screen.dart addListMutualUsers: `(int.parse(id) ^ userId).toString()`, Dart's 64-bit ints. */
export const appChatId = (friendId: string, userId: string): bigint =>
  BigInt.asIntN(64, BigInt(friendId) ^ BigInt(userId));
