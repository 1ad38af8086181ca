// Cuts the bench can try on the product's gateway before the code changes, to measure what each
// would buy: BENCH_GATEWAY_CUTS is a comma-separated list of
// - `redis-autopipelining`: the gateway's Redis client sends the commands of one event-loop turn
//   in one write (ioredis `enableAutoPipelining`);
// - `nats-settled-request`: a NATS request that got its reply is unregistered without building
//   the `RequestError("cancelled")` that @nats-io/nats-core 3.4 allocates for every reply.
import { RequestOne } from '@nats-io/nats-core/internal';
import { Redis } from 'ioredis';

export const GATEWAY_CUTS = ['redis-autopipelining', 'nats-settled-request'] as const;
export type GatewayCut = (typeof GATEWAY_CUTS)[number];

export function parseGatewayCuts(text: string | undefined): GatewayCut[] {
  const names = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(GATEWAY_CUTS as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(`BENCH_GATEWAY_CUTS: unknown ${unknown.join(', ')} (known: ${GATEWAY_CUTS.join(', ')})`);
  return names as GatewayCut[];
}

type Internals = {
  timer?: { cancel(): void };
  deferred: { resolve(msg: unknown): void };
  mux: { cancel(r: unknown): void };
  resolver(err: Error | null, msg: unknown): void;
};

function settleRequestsWithoutError(): void {
  const proto = RequestOne.prototype as unknown as Internals;
  const original = proto.resolver;
  proto.resolver = function (this: Internals, err, msg) {
    if (err) return original.call(this, err, msg);
    this.timer?.cancel();
    this.deferred.resolve(msg);
    this.mux.cancel(this);
  };
}

/** Applies the process-wide cuts; returns the gateway's Redis client when a cut replaces it. */
export function applyGatewayCuts(cuts: GatewayCut[], redisUrl: string): Redis | undefined {
  if (cuts.includes('nats-settled-request')) settleRequestsWithoutError();
  if (!cuts.includes('redis-autopipelining')) return undefined;
  return new Redis(redisUrl, { enableAutoPipelining: true });
}
