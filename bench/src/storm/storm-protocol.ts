// What the connection storm's processes and the bench say to each other over IPC.

/** Storm clients → bench: every user has its room and every socket is closed again. */
export interface StormReady {
  type: 'ready';
}

/** Bench → storm clients: reconnect every socket now, spread over `spreadMs`. */
export interface StormGo {
  type: 'go';
  spreadMs: number;
}

/** Storm clients → bench: ms from the storm's start until each socket connected and was in its room. */
export interface StormDone {
  type: 'done';
  startedAt: number;
  connectedMs: number[];
  inRoomMs: number[];
  failed: number;
}

/** Other users → bench: each request they made, when it started and how long it took (ms). */
export interface OtherRequests {
  type: 'requests';
  startedAt: number[];
  latencyMs: number[];
  failed: number;
}
