import type { EventContract, PayloadOf } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';

/** One kind of client's way of showing a domain event. */
export interface DomainEventView<C extends EventContract> {
  /** False while this kind has nobody on this replica to show the event to: then it is not decoded for it. */
  wanted(): boolean;
  show(payload: PayloadOf<C>): void;
}

/**
 * The one path from a domain event to every kind of client (the new API on `/`, the legacy
 * protocols): each replica subscribes to an event once, with no queue group (every replica
 * reaches its own connections), decodes it once when any kind has someone here to show it to,
 * and hands it to each kind's view.
 */
export function createDomainEvents(deps: { nc: NatsConnection; logger: Logger }) {
  const views = new Map<string, DomainEventView<EventContract>[]>();
  const subscriptions: ReturnType<typeof subscribeEvent>[] = [];

  function subscribe<C extends EventContract>(contract: C, list: DomainEventView<EventContract>[]) {
    const wanted = () => list.some((view) => view.wanted());
    const show = (payload: PayloadOf<C>) => {
      for (const view of list) {
        if (!view.wanted()) continue;
        try {
          view.show(payload);
        } catch (err) {
          deps.logger.error({ err, subject: contract.subject }, 'showing a domain event failed');
        }
      }
    };
    subscriptions.push(subscribeEvent(deps.nc, contract, show, { logger: deps.logger, wanted }));
  }

  return {
    on<C extends EventContract>(contract: C, view: DomainEventView<C>): void {
      let list = views.get(contract.subject);
      if (!list) {
        list = [];
        views.set(contract.subject, list);
        subscribe(contract, list);
      }
      list.push(view as unknown as DomainEventView<EventContract>);
    },
    /** Stops hearing events; what was heard is shown first. */
    async close(): Promise<void> {
      await Promise.allSettled(subscriptions.map((s) => s.drain()));
    },
  };
}

export type DomainEvents = ReturnType<typeof createDomainEvents>;
