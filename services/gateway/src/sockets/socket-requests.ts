import type { ErrorBody, Registry, RequestContract } from '@seed/contracts';
import { socketError } from '@seed/contracts';

/** Event names Socket.IO keeps for itself or that a handler must never shadow. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
]);

/**
 * The request contracts clients may emit on namespace `/`, by event name. A clash or a reserved
 * name is a programming error and stops start-up.
 */
export function socketRequestContracts(registry: Registry): Map<string, RequestContract> {
  const byEvent = new Map<string, RequestContract>();
  for (const contract of registry.requests) {
    const event = contract.socket?.event;
    if (!event) continue;
    if (contract.access === 'internal') throw new Error(`${contract.subject} is internal but binds socket "${event}"`);
    if (RESERVED.has(event)) throw new Error(`${contract.subject} binds reserved socket event "${event}"`);
    const other = byEvent.get(event);
    if (other) throw new Error(`socket event "${event}" is bound by ${other.subject} and ${contract.subject}`);
    byEvent.set(event, contract);
  }
  return byEvent;
}

export const isReservedEvent = (event: string): boolean => RESERVED.has(event);

/** What an acknowledgement receives. */
export type AckBody = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

export const errorEvent = socketError.event;
