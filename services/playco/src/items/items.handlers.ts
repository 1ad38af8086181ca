import { addItem, moveItem, removeItem } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { ItemsService } from './items.service.ts';

/** Binds the item contracts to the items service. */
export function serveItemsHandlers(host: ServiceHost, items: ItemsService): void {
  host.serve(addItem, (input, { caller }) => items.add(caller.userId, input));
  host.serve(moveItem, (input, { caller }) => items.move(caller.userId, input));
  host.serve(removeItem, (input, { caller }) => items.remove(caller.userId, input));
}
