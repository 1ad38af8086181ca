/** Which server a process could not reach at start-up. */
export type StartupServer = 'NATS' | 'PostgreSQL' | 'Redis';

/**
 * A server the process needs was not reached within its start-up bound. Its message is the one
 * line an operator reads: the server, where it was looked for (credentials redacted) and why.
 */
export class StartupError extends Error {
  readonly server: StartupServer;
  readonly target: string;
  readonly reason: string;

  constructor(server: StartupServer, target: string, reason: string) {
    super(`cannot reach ${server} at ${target}: ${reason}`);
    this.name = 'StartupError';
    this.server = server;
    this.target = target;
    this.reason = reason;
  }
}

export const isStartupError = (e: unknown): e is StartupError => e instanceof StartupError;
