import { ServiceBroker } from 'moleculer';

/**
 * A Moleculer broker on the bench's NATS (the `nats` v2 client Moleculer's transporter speaks),
 * with its defaults otherwise: JSON serializer, round-robin balancer, no metrics or tracing.
 */
export function createBroker(nodeID: string): ServiceBroker {
  return new ServiceBroker({
    nodeID,
    transporter: { type: 'NATS', options: { url: process.env.NATS_URL } },
    logLevel: (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn',
  });
}
