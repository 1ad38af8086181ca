import type { ClientSocketEventContract, EventContract, RequestContract, SocketEventContract } from '../define.ts';
import { playcoEvents } from './events.contract.ts';
import { addItem, moveItem, removeItem } from './items.contract.ts';
import { legacyPlaycoSocketEvents } from './legacy-playco.contract.ts';
import { legacyPlaycoClientEvents, legacyPlaycoRequestResponse } from './legacy-playco-requests.contract.ts';
import { controlPlayback, getPlayback, pingClock } from './playback.contract.ts';
import {
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  listMyPlaylists,
  listPublicPlaylists,
  updatePlaylist,
} from './playlists.contract.ts';
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
  events: playcoEvents as EventContract[],
  socketEvents: [
    ...playcoSocketEvents,
    ...legacyPlaycoSocketEvents,
    legacyPlaycoRequestResponse,
  ] as SocketEventContract[],
  clientSocketEvents: [...playcoSessionClientEvents, ...legacyPlaycoClientEvents] as ClientSocketEventContract[],
};
