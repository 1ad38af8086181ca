import type { Registry } from '@seed/contracts';
import { DEFAULT_JOBS_TOPOLOGY, deadLetterSubject } from '../jobs/topology.ts';

/** What one NATS user may publish and subscribe to (nats-server `permissions`). */
export interface NatsPermissions {
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[] };
  /** May answer the requests it receives (publish once to their reply subject). */
  allowResponses: boolean;
}

export interface NatsUser {
  user: string;
  permissions: NatsPermissions;
}

/** The roles that are not services of the registry: the edge and the job runner. */
export const GATEWAY_USER = 'gateway';
export const WORKER_USER = 'worker';

/** A process's own reply subjects: it connects with this inbox prefix, so no one else reads its replies. */
export const inboxPrefixOf = (user: string): string => `_INBOX_${user}`;

const domainOf = (subject: string): string => subject.split('.')[0]!;
const sorted = (subjects: Iterable<string>) => [...new Set(subjects)].sort();

/** The services of the registry: the domains of its request subjects (`auth.user.get` → `auth`). */
export const servicesOf = (registry: Registry): string[] => sorted(registry.requests.map((c) => domainOf(c.subject)));

/**
 * JetStream API subjects that consume, delete or purge the job streams: only the worker may use
 * them (and ack a job). Everyone else keeps the rest of the API, which the object store and the
 * job streams' set-up need.
 */
function jobStreamsOnlyForWorker(): string[] {
  const { stream, dlqStream } = DEFAULT_JOBS_TOPOLOGY;
  return [stream, dlqStream].flatMap((s) => [
    `$JS.API.CONSUMER.*.${s}`,
    `$JS.API.CONSUMER.*.${s}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${s}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${s}.>`,
    `$JS.API.STREAM.DELETE.${s}`,
    `$JS.API.STREAM.PURGE.${s}`,
    `$JS.API.STREAM.MSG.DELETE.${s}`,
    `$JS.ACK.${s}.>`,
  ]);
}

/**
 * Every process's NATS user and permissions, derived from the contract registry alone, so a new
 * service or contract needs nothing added here:
 * - the gateway alone publishes requests on `user` and `public` subjects (those carry the
 *   identity it verified); it may also call internal ones, and reads every event;
 * - a service serves its own request subjects, reads every event, publishes its own events, the
 *   gateway's socket deliveries and room changes, jobs, and internal requests of other services;
 * - the worker consumes the job streams, publishes dead letters and replays, calls internal
 *   requests (the services' cleanups, auth's device list) and serves its own (`worker.*`);
 * - everyone answers what it receives (`allow_responses`), reads its own inbox only, and uses the
 *   JetStream API and object store, which only the worker may use to consume jobs.
 */
export function natsUsers(registry: Registry): NatsUser[] {
  // The worker may serve requests of its own (its development mailbox); it keeps its role.
  const services = servicesOf(registry).filter((s) => s !== WORKER_USER);
  const requests = registry.requests;
  const servedBy = (service: string) => requests.filter((c) => domainOf(c.subject) === service).map((c) => c.subject);
  const internal = requests.filter((c) => c.access === 'internal').map((c) => c.subject);
  const events = registry.events.map((c) => c.subject);
  const jobs = registry.jobs.map((c) => c.subject);
  const platformEvents = events.filter((s) => domainOf(s) === GATEWAY_USER);
  const shared = (user: string) => ({ inbox: `${inboxPrefixOf(user)}.>`, js: ['$JS.API.>', '$O.>'] });

  const gateway: NatsUser = {
    user: GATEWAY_USER,
    permissions: {
      publish: {
        allow: sorted([...requests.map((c) => c.subject), ...shared(GATEWAY_USER).js]),
        deny: jobStreamsOnlyForWorker(),
      },
      subscribe: { allow: sorted([...events, shared(GATEWAY_USER).inbox]) },
      allowResponses: true,
    },
  };
  const serviceUsers: NatsUser[] = services.map((service) => ({
    user: service,
    permissions: {
      publish: {
        allow: sorted([
          ...events.filter((s) => domainOf(s) === service),
          ...platformEvents,
          ...jobs,
          ...internal.filter((s) => domainOf(s) !== service),
          ...shared(service).js,
        ]),
        deny: jobStreamsOnlyForWorker(),
      },
      subscribe: {
        allow: sorted([...servedBy(service), ...events, '$SRV.>', shared(service).inbox]),
      },
      allowResponses: true,
    },
  }));
  const worker: NatsUser = {
    user: WORKER_USER,
    permissions: {
      publish: {
        allow: sorted([
          ...internal,
          ...jobs,
          ...jobs.map(deadLetterSubject),
          ...[DEFAULT_JOBS_TOPOLOGY.stream, DEFAULT_JOBS_TOPOLOGY.dlqStream].map((s) => `$JS.ACK.${s}.>`),
          '$JS.API.>',
        ]),
      },
      subscribe: {
        allow: sorted([
          ...servedBy(WORKER_USER),
          ...(servedBy(WORKER_USER).length > 0 ? ['$SRV.>'] : []),
          shared(WORKER_USER).inbox,
        ]),
      },
      allowResponses: true,
    },
  };
  return [gateway, ...serviceUsers, worker];
}
