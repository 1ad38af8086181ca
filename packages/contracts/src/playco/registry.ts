import type { ClientSocketEventContract, RequestContract, SocketEventContract } from '../define.ts';
import { addItem, moveItem, removeItem } from './items.contract.ts';
import { controlPlayback, getPlayback, pingClock } from './playback.contract.ts';
import {
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  listMyPlaylists,
  listPublicPlaylists,
  updatePlaylist,
} from './playlists.contract.ts';
import { seedSocketEvents } from './seed.contract.ts';
import { seedClientEvents, seedRequestResponse } from './seed-events.contract.ts';
import {
  closeConnection,
  joinSession,
  leaveSession,
  openConnection,
  refreshConnections,
  setSessionStatus,
} from './sessions.contract.ts';
import { issueSioToken, verifySioToken } from './sio-auth.contract.ts';
import { playcoSocketEvents } from './socket-events.contract.ts';
import { playcoSessionClientEvents } from './socket-sessions.contract.ts';

/** Every playco contract, for the platform registry. */
export const playcoContracts = {
  requests: [
    listMyPlaylists,
    listPublicPlaylists,
    createPlaylist,
    getPlaylist,
    updatePlaylist,
    deletePlaylist,
    addItem,
    moveItem,
    removeItem,
    issueSioToken,
    verifySioToken,
    openConnection,
    closeConnection,
    refreshConnections,
    joinSession,
    leaveSession,
    setSessionStatus,
    controlPlayback,
    getPlayback,
    pingClock,
  ] as RequestContract[],
  socketEvents: [...playcoSocketEvents, ...seedSocketEvents, seedRequestResponse] as SocketEventContract[],
  clientSocketEvents: [...playcoSessionClientEvents, ...seedClientEvents] as ClientSocketEventContract[],
};
