import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { JobContract } from '@seed/contracts';
import { type JobsTopology, jobConsumerName, jobSubject } from './topology.ts';

/**
 * The durable pull consumer of one job kind. The server's `max_deliver` is one more than the
 * contract's: on that extra delivery the runner dead-letters a job whose last attempt was lost
 * (its worker died), so no job stays stuck in the work queue.
 */
export function jobConsumerConfig(topology: JobsTopology, contract: JobContract, maxAckPending: number) {
  return {
    durable_name: jobConsumerName(contract),
    filter_subject: jobSubject(topology, contract),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(contract.ackWaitMs),
    max_deliver: contract.maxDeliver + 1,
    max_ack_pending: maxAckPending,
  } satisfies Partial<ConsumerConfig>;
}

/** Creates the consumer or brings an existing one to this configuration. */
export async function ensureJobConsumer(
  jsm: JetStreamManager,
  topology: JobsTopology,
  contract: JobContract,
  maxAckPending: number,
): Promise<ConsumerInfo> {
  const wanted = jobConsumerConfig(topology, contract, maxAckPending);
  const current = await jsm.consumers.info(topology.stream, wanted.durable_name).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw err;
  });
  if (!current) return jsm.consumers.add(topology.stream, wanted);
  const { ack_wait, max_deliver, max_ack_pending } = wanted;
  const c = current.config;
  if (c.ack_wait === ack_wait && c.max_deliver === max_deliver && c.max_ack_pending === max_ack_pending) return current;
  return jsm.consumers.update(topology.stream, wanted.durable_name, { ack_wait, max_deliver, max_ack_pending });
}
