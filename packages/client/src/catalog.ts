import { type RequestContract, registry } from '@seed/contracts';

export type HttpRequestContract = RequestContract & { http: NonNullable<RequestContract['http']> };

/** The registry's operations a client reaches over HTTP (the gateway serves the same list). */
export const clientHttpContracts = (): HttpRequestContract[] =>
  registry.requests.filter((c): c is HttpRequestContract => c.http !== undefined && c.access !== 'internal');

const camelCase = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `auth.session.create` → `['auth', 'session', 'create']`, `chat.friend_request.send` → `[…, 'friendRequest', …]`. */
export function methodPath(subject: string): [domain: string, entity: string, verb: string] {
  const [domain = '', entity = '', verb = ''] = subject.split('.');
  return [camelCase(domain), camelCase(entity), camelCase(verb)];
}

const shapeOf = (schema: unknown) => (schema as { shape?: Record<string, unknown> }).shape;

/**
 * How a paged list names its cursor: `cursor` (`?cursor=` lists) or `before` (history); undefined
 * for an operation whose reply is not a `{data, nextCursor}` page.
 */
export function cursorField(contract: RequestContract): 'cursor' | 'before' | undefined {
  const reply = shapeOf(contract.reply);
  if (!reply || !('data' in reply) || !('nextCursor' in reply)) return undefined;
  const request = shapeOf(contract.request) ?? {};
  if ('cursor' in request) return 'cursor';
  if ('before' in request) return 'before';
  return undefined;
}
