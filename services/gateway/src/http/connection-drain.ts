import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpActivity {
  /** Milliseconds since the last response ended; 0 while a request is being served. */
  quietFor(): number;
}

/** Counts the requests a server is serving and when the last one ended. */
export function watchHttpActivity(server: Server): HttpActivity {
  let active = 0;
  let lastEnded = 0;
  server.on('request', (_req, res) => {
    active++;
    res.once('close', () => {
      active--;
      lastEnded = Date.now();
    });
  });
  return { quietFor: () => (active > 0 ? 0 : Date.now() - lastEnded) };
}

/**
 * Stops taking connections, then waits until no request has been served for `quietMs` (at most
 * `maxMs`) before the caller closes what is left. Closing keep-alive connections at once would cut
 * requests already on their way (the client sees a reset); meanwhile every response says
 * `Connection: close`, so clients leave on their own, and new ones are refused cleanly.
 */
export async function drainConnections(
  server: Server,
  activity: HttpActivity,
  opts: { quietMs: number; maxMs: number },
): Promise<void> {
  // net.Server's close keeps open connections; http.Server's would also drop the idle ones now.
  if (server.listening) NetServer.prototype.close.call(server);
  const deadline = Date.now() + opts.maxMs;
  while (Date.now() < deadline && activity.quietFor() < opts.quietMs) await sleep(25);
}
