import { createStore, type Store } from '@seed/runtime';
import { createPlaylistsRepository, type PlaylistsRepository } from '../playlists/index.ts';
import type { Db } from './database.ts';

export type PlaycoStore = Store<{ playlists: PlaylistsRepository }>;

/** Playco's repositories, and a way to run several calls in one transaction (a playlist's lock holds until it ends). */
export const createPlaycoStore = (db: Db): PlaycoStore =>
  createStore(db, (handle) => ({ playlists: createPlaylistsRepository(handle) }));
