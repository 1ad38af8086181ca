import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

// The MUdev web client (github.com/MU-Software/mudev_frontend) as its code talks to its server,
// copied as data: the requests of `src/network/api.ts` (FrostAPI) and
// `src/ui/page/playco/playco/api.ts` (PlayCoAPI), the Socket.IO events of
// `src/ui/page/playco/playco/sio.ts`, and how each reads a reply (`src/network/api_response.ts`).

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One call of FrostAPI: `#apiRequest({method, url, accessTokenRequired, additionalHeaders, data})`. */
export interface FrostRequest {
  method: Method;
  url: string;
  accessTokenRequired: boolean;
  additionalHeaders?: Record<string, string>;
  data?: Record<string, unknown>;
}

/** A playlist's settings as `PlaylistConfig` (src/ui/page/playco/playco/model.ts) holds them. */
export interface PlaylistConfig {
  name: string;
  description?: string;
  public_accessable?: boolean;
  public_item_appendable?: boolean;
  public_item_orderable?: boolean;
  public_item_deletable?: boolean;
  allow_duplicate?: boolean;
}

export const mudevRequests = {
  // src/network/api.ts, FrostAPI.signUp(id, email, password, nickname)
  signUp: (id: string, email: string, password: string, nickname: string): FrostRequest => ({
    method: 'POST',
    url: 'account/signup',
    accessTokenRequired: false,
    data: { id, pw: password, nick: nickname, email },
  }),
  // src/network/api.ts, FrostAPI.signIn(idOrEmail, password)
  signIn: (idOrEmail: string, password: string): FrostRequest => ({
    method: 'POST',
    url: 'account/signin',
    accessTokenRequired: false,
    data: { id: idOrEmail, pw: password },
  }),
  // src/network/api.ts, FrostAPI.refreshAuthentications: no data, so no body (but the JSON content type)
  refresh: (): FrostRequest => ({ method: 'POST', url: 'account/refresh', accessTokenRequired: false }),
  // src/network/api.ts, FrostAPI.signOut
  signOut: (): FrostRequest => ({
    method: 'POST',
    url: 'account/signout',
    accessTokenRequired: false,
    data: { signout: 'OK' },
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.getAllPlaylists: url() is `playco/playlists/`
  getAllPlaylists: (): FrostRequest => ({ method: 'GET', url: 'playco/playlists/', accessTokenRequired: true }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.getPlaylistInfo: itemUrl(id) is `playco/playlists/<id>/items/`
  getPlaylistInfo: (playlistId: string): FrostRequest => ({
    method: 'GET',
    url: `playco/playlists/${playlistId}/items/`,
    accessTokenRequired: true,
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.createPlaylist(payload)
  createPlaylist: (payload: PlaylistConfig): FrostRequest => ({
    method: 'POST',
    url: 'playco/playlists/',
    accessTokenRequired: true,
    data: { ...payload },
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.modifyPlaylist(playlistId, data, hash)
  modifyPlaylist: (playlistId: string, data: PlaylistConfig, hash: string): FrostRequest => ({
    method: 'PATCH',
    url: `playco/playlists/${playlistId}`,
    accessTokenRequired: true,
    additionalHeaders: { 'If-Match': hash },
    data: { ...data },
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.deletePlaylist(playlistId): no If-Match
  deletePlaylist: (playlistId: string): FrostRequest => ({
    method: 'DELETE',
    url: `playco/playlists/${playlistId}`,
    accessTokenRequired: true,
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.insertPlaylistItem(playlistId, itemUrl, hash)
  insertPlaylistItem: (playlistId: string, itemUrl: string, hash: string): FrostRequest => ({
    method: 'POST',
    url: `playco/playlists/${playlistId}/items/`,
    accessTokenRequired: true,
    additionalHeaders: { 'If-Match': hash },
    data: { link: itemUrl },
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.movePlaylistItem(playlistId, link, newIndex, hash)
  movePlaylistItem: (playlistId: string, link: string, newIndex: number, hash: string): FrostRequest => ({
    method: 'PATCH',
    url: `playco/playlists/${playlistId}/items/${newIndex}`,
    accessTokenRequired: true,
    additionalHeaders: { 'If-Match': hash },
    data: { link },
  }),
  // src/ui/page/playco/playco/api.ts, PlayCoAPI.deletePlaylistItem(playlistId, itemIndex, hash)
  deletePlaylistItem: (playlistId: string, itemIndex: number, hash: string): FrostRequest => ({
    method: 'DELETE',
    url: `playco/playlists/${playlistId}/items/${itemIndex}`,
    accessTokenRequired: true,
    additionalHeaders: { 'If-Match': hash },
  }),
  // src/ui/page/playco/playco/sio.ts, refreshSIOToken: post('playco/socketio/auth', this.getAuthBody(), true)
  sioAuth: (authBody: Record<string, unknown>): FrostRequest => ({
    method: 'POST',
    url: 'playco/socketio/auth',
    accessTokenRequired: true,
    data: authBody,
  }),
};

/** What the client keeps of a reply (src/network/api_response.ts, APIResult). */
export interface APIResult {
  status: number;
  success: boolean;
  code: number;
  subCode: string;
  message: string;
  // biome-ignore lint/suspicious/noExplicitAny: the client reads it untyped
  data: any;
  header: Headers;
}

// src/network/api.ts: generateRandomSecureToken(bytes), hex of a Uint32Array of that length
const secureToken = (bytes: number) => randomBytes(bytes * 4).toString('hex');

/**
 * FrostAPI, one browser tab of it: `#apiRequest` as the client builds it (the JSON content type and
 * `X-Csrf-Token` always, the bearer token when asked, a body only on POST/PATCH/PUT), the browser's
 * cookie jar for the account routes, and the reply read as APIResult reads it (a 204 made up).
 */
export function frostApi(baseUrl: string, jar: Map<string, string> = new Map()) {
  const csrfToken = secureToken(32);
  let accessToken = '';
  // biome-ignore lint/suspicious/noExplicitAny: the client keeps `apiResult.data` as it came
  let refreshResult: any = null;
  const api = {
    jar,
    get accessToken() {
      return accessToken;
    },
    get userData() {
      return refreshResult?.user;
    },
    async send({ method, url, accessTokenRequired, additionalHeaders, data }: FrostRequest): Promise<APIResult> {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Csrf-Token': csrfToken };
      if (accessTokenRequired) headers.Authorization = `Bearer ${accessToken}`;
      // Browsers send the cookies a path matches (credentials: 'include' for account URLs).
      if (url.includes('account') && jar.size)
        headers.Cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      Object.assign(headers, additionalHeaders);
      const body = ['POST', 'PATCH', 'PUT'].includes(method) ? JSON.stringify(data) : undefined;
      const res = await fetch(baseUrl + url, { method, headers, ...(body === undefined ? {} : { body }) });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const eq = pair.indexOf('=');
        const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
        if (/Max-Age=0/i.test(cookie) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      if (res.status === 204)
        return {
          status: 204,
          success: true,
          code: 204,
          subCode: 'resource.deleted',
          message: '',
          data: {},
          header: res.headers,
        };
      // biome-ignore lint/suspicious/noExplicitAny: the client reads replies untyped
      const json: any = await res.json();
      return {
        status: res.status,
        success: json.success ?? false,
        code: Number.parseInt(json.code ?? -1, 10),
        subCode: json.sub_code ?? '',
        message: json.message ?? '',
        data: json.data ?? {},
        header: res.headers,
      };
    },
    /** signIn / signUp / refreshAuthentications keep `data.user.access_token.token` and `data` on success. */
    async signedIn(request: FrostRequest): Promise<APIResult> {
      const result = await api.send(request);
      if (result.success && result.data.user) {
        accessToken = result.data.user.access_token.token;
        refreshResult = result.data;
      }
      return result;
    },
  };
  return api;
}
export type FrostApi = ReturnType<typeof frostApi>;

/**
 * PlayCoSocketIOHandler (src/ui/page/playco/playco/sio.ts): one Socket.IO socket on `/playco_ws`
 * (websocket only), `getAuthBody()` on every event, each answered on `REQUEST_RESPONSE_<request_id>`.
 */
export async function playcoSocket(gatewayUrl: string, api: FrostApi) {
  const socket: Socket = io(`${gatewayUrl}/playco_ws`, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    upgrade: false,
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const sessionId = socket.id!;
  const csrfToken = secureToken(32);
  let sioToken: string | undefined;
  // sio.ts `assign`: fields left undefined are not sent.
  const getAuthBody = (additional: Record<string, unknown> = {}) =>
    Object.fromEntries(
      Object.entries({ sid: sessionId, sio_token: sioToken, sio_csrf_token: csrfToken, ...additional }).filter(
        ([, v]) => v !== undefined,
      ),
    );
  // biome-ignore lint/suspicious/noExplicitAny: the client reads events untyped
  const events: { event: string; data: any }[] = [];
  socket.onAny((event, data) => events.push({ event, data }));
  return {
    socket,
    sessionId,
    events,
    getAuthBody,
    /** refreshSIOToken: `POST playco/socketio/auth` with getAuthBody(), keeping `data.sio_token.token`. */
    async refreshSioToken() {
      const result = await api.send(mudevRequests.sioAuth(getAuthBody()));
      if (result.success) sioToken = result.data.sio_token.token;
      return result;
    },
    /** emitEvent(event, data): adds `request_id`, resolves with the REQUEST_RESPONSE_<request_id> reply. */
    // biome-ignore lint/suspicious/noExplicitAny: the client reads replies untyped
    emitEvent(event: string, data: Record<string, unknown>): Promise<any> {
      const requestId = secureToken(16);
      const reply = new Promise((resolve) => socket.once(`REQUEST_RESPONSE_${requestId}`, resolve));
      socket.emit(event, { ...data, request_id: requestId });
      return reply;
    },
    close: () => socket.close(),
  };
}
