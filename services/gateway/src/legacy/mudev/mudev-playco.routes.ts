import {
  addItem,
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  getUsers,
  issueSioToken,
  listMyPlaylists,
  MudevMovedItem,
  MudevNewItem,
  MudevPlaylistChange,
  MudevPlaylistConfig,
  MudevSioAuth,
  moveItem,
  type Playlist,
  type PlaylistDetail,
  removeItem,
  updatePlaylist,
} from '@seed/contracts';
import { AppError, isAppError } from '@seed/runtime';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../../auth/index.ts';
import { type ContractCall, contractCallFor, type LegacyHttpDeps } from '../legacy-http.ts';
import { FrostFailure, frost } from './frost.ts';
import { expectedVersion, itemAt, itemIndexOf, parseBody, playlistIdOf } from './mudev-input.ts';
import { mudevItem, mudevPlaylist, type Nicknames, namedUsers, platformFlags } from './mudev-views.ts';

type PlaylistParams = { Params: { playlistId: string } };
type ItemParams = { Params: { playlistId: string; index: string } };

/** Pages of one's own playlists read at most, far beyond any per-user limit. */
const MAX_PAGES = 20;

const etagOf = (playlist: { version: number }) => `"${playlist.version}"`;

/**
 * PlayCo's REST routes as the MUdev client calls them: playlists by id, items by their index in the
 * playlist (added as `{link}`, moved by link to an index, deleted by index), `If-Match` with the ETag
 * last read, and the Socket.IO token of `/playco_ws`. Each turns into playco's contracts.
 */
export const mudevPlaycoRoutes: FastifyPluginAsync<LegacyHttpDeps> = async (fastify, deps) => {
  /** Contract calls as the bearer of the request's access token. */
  async function signedIn(req: FastifyRequest): Promise<ContractCall> {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new AppError('unauthenticated', 'bearer token required');
    const caller = await (deps.verifier.verifyIfCached(token) ?? deps.verifier.verify(token));
    return contractCallFor(deps, req, caller);
  }

  async function nicknamesFor(call: ContractCall, playlists: (Playlist | PlaylistDetail)[]): Promise<Nicknames> {
    const ids = [...new Set(playlists.flatMap(namedUsers))];
    if (ids.length === 0) return new Map();
    const { users } = await call(getUsers, { ids });
    return new Map(users.map((u) => [u.id, u.nickname]));
  }

  /** FROST's `{playco_playlist}` answer with the playlist's ETag. */
  async function answerPlaylist(
    call: ContractCall,
    reply: FastifyReply,
    playlist: PlaylistDetail,
    opts: { status: number; subCode: string; items: boolean },
  ) {
    const { items, ...withoutItems } = playlist;
    const shown = opts.items ? playlist : withoutItems;
    reply.code(opts.status).header('etag', etagOf(playlist));
    return frost(opts.status, opts.subCode, {
      playco_playlist: mudevPlaylist(shown, await nicknamesFor(call, [shown])),
    });
  }

  fastify.get('/playco/playlists', async (req) => {
    const call = await signedIn(req);
    const playlists: Playlist[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data, nextCursor } = await call(listMyPlaylists, { limit: 100, ...(cursor ? { cursor } : {}) });
      playlists.push(...data);
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    if (playlists.length === 0)
      throw new FrostFailure(404, 'resource.not_found', { resource_name: 'playco_playlist' }, 'no playlists yet');
    const nicknames = await nicknamesFor(call, playlists);
    return frost(200, 'resource.multiple_result', {
      playco_playlists: playlists.map((p, index) => mudevPlaylist(p, nicknames, index)),
    });
  });

  fastify.post('/playco/playlists', async (req, reply) => {
    const call = await signedIn(req);
    const config = parseBody(MudevPlaylistConfig, req.body);
    const playlist = await call(createPlaylist, {
      name: config.name,
      ...(config.description ? { description: config.description } : {}),
      ...platformFlags(config),
    });
    return answerPlaylist(call, reply, playlist, { status: 201, subCode: 'resource.created', items: false });
  });

  fastify.get<PlaylistParams>('/playco/playlists/:playlistId', async (req, reply) => {
    const call = await signedIn(req);
    const playlist = await call(getPlaylist, { playlistId: playlistIdOf(req.params.playlistId) });
    return answerPlaylist(call, reply, playlist, { status: 200, subCode: 'resource.result', items: false });
  });

  fastify.patch<PlaylistParams>('/playco/playlists/:playlistId', async (req, reply) => {
    const call = await signedIn(req);
    const playlistId = playlistIdOf(req.params.playlistId);
    const version = expectedVersion(req.headers['if-match']);
    const change = parseBody(MudevPlaylistChange, req.body);
    const playlist = await call(updatePlaylist, {
      playlistId,
      version,
      ...(change.name ? { name: change.name } : {}),
      ...(typeof change.description === 'string' ? { description: change.description } : {}),
      ...platformFlags(change),
    });
    return answerPlaylist(call, reply, playlist, { status: 201, subCode: 'resource.modified', items: false });
  });

  // The client deletes a playlist without If-Match: it is deleted at the version it has now.
  fastify.delete<PlaylistParams>('/playco/playlists/:playlistId', async (req, reply) => {
    const call = await signedIn(req);
    const playlistId = playlistIdOf(req.params.playlistId);
    let { version } = await call(getPlaylist, { playlistId });
    try {
      await call(deletePlaylist, { playlistId, version });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'version_mismatch') throw err;
      ({ version } = await call(getPlaylist, { playlistId }));
      await call(deletePlaylist, { playlistId, version });
    }
    return reply.code(204).send();
  });

  fastify.get<PlaylistParams>('/playco/playlists/:playlistId/items', async (req, reply) => {
    const call = await signedIn(req);
    const playlist = await call(getPlaylist, { playlistId: playlistIdOf(req.params.playlistId) });
    return answerPlaylist(call, reply, playlist, { status: 200, subCode: 'resource.result', items: true });
  });

  fastify.get<ItemParams>('/playco/playlists/:playlistId/items/:index', async (req, reply) => {
    const call = await signedIn(req);
    const playlist = await call(getPlaylist, { playlistId: playlistIdOf(req.params.playlistId) });
    const item = itemAt(playlist.items, itemIndexOf(req.params.index));
    reply.header('etag', etagOf(playlist));
    return frost(200, 'resource.result', {
      playco_playlist_item: mudevItem(item, await nicknamesFor(call, [playlist])),
    });
  });

  fastify.post<PlaylistParams>('/playco/playlists/:playlistId/items', async (req, reply) => {
    const call = await signedIn(req);
    const playlistId = playlistIdOf(req.params.playlistId);
    const version = expectedVersion(req.headers['if-match']);
    const { link, index } = parseBody(MudevNewItem, req.body);
    const { playlist } = await call(addItem, {
      playlistId,
      version,
      url: link,
      ...(index === undefined ? {} : { position: index }),
    });
    return answerPlaylist(call, reply, playlist, { status: 201, subCode: 'resource.modified', items: true });
  });

  /** A change to the item at an index: the caller, the playlist as it is now, the index and the version sent. */
  async function itemChange(req: FastifyRequest<ItemParams>) {
    const call = await signedIn(req);
    const playlistId = playlistIdOf(req.params.playlistId);
    const index = itemIndexOf(req.params.index);
    const version = expectedVersion(req.headers['if-match']);
    return { call, playlistId, index, version, current: await call(getPlaylist, { playlistId }) };
  }

  // The item with this link moves to the index of the path.
  fastify.patch<ItemParams>('/playco/playlists/:playlistId/items/:index', async (req, reply) => {
    const { call, playlistId, index: position, version, current } = await itemChange(req);
    const { link } = parseBody(MudevMovedItem, req.body);
    const item = current.items.find((i) => i.url === link);
    if (!item)
      throw new FrostFailure(404, 'resource.not_found', { resource_name: 'playco_playlist_item' }, 'no item with it');
    const { playlist } = await call(moveItem, { playlistId, itemId: item.id, version, position });
    return answerPlaylist(call, reply, playlist, { status: 201, subCode: 'resource.modified', items: true });
  });

  fastify.delete<ItemParams>('/playco/playlists/:playlistId/items/:index', async (req, reply) => {
    const { call, playlistId, index, version, current } = await itemChange(req);
    // The index means the item the client saw only at the version it saw.
    if (current.version !== version)
      throw new FrostFailure(412, 'resource.prediction_failed', { prediction_failed_reason: ['playlist_outdated'] });
    await call(removeItem, { playlistId, itemId: itemAt(current.items, index).id, version });
    return reply.code(204).send();
  });

  fastify.post('/playco/socketio/auth', async (req, reply) => {
    const call = await signedIn(req);
    const { sid, sio_csrf_token } = parseBody(MudevSioAuth, req.body);
    const issued = await call(issueSioToken, { sid, sio_csrf_token });
    reply.code(201);
    return frost(201, 'resource.created', issued);
  });
};
