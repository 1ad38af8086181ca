import type { ReadyMessage } from './processes.ts';

/** Tells the bench this server serves (over IPC); stops the server when the bench goes away. */
export function reportReady(info: Omit<ReadyMessage, 'type'> = {}): void {
  process.send?.({ type: 'ready', ...info } satisfies ReadyMessage);
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
