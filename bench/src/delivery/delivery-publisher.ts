// The delivery fan-in's publisher (a child of the bench): publishes chat message deliveries to
// rooms no socket of the gateway under test is in, at a steady rate, as chat does for rooms whose
// members sit on other gateways.
import { messageCreatedSocket } from '@seed/contracts';
import { connectNats, createLogger, deliverToSockets } from '@seed/runtime';

export interface PublishJob {
  type: 'publish';
  rate: number;
  durationMs: number;
}
export interface Published {
  type: 'published';
  messages: number;
  seconds: number;
}

const logger = createLogger({ service: 'bench-delivery-publisher', level: 'warn' });
const nc = await connectNats({ url: process.env.NATS_URL!, name: 'bench-delivery-publisher', logger });
const message = (n: number) => ({
  id: String(6_000_000_000_000_000_000n + BigInt(n)),
  roomId: String(7_000_000_000_000_000_000n + BigInt(n % 10_000)),
  authorId: '1000000000000000001',
  kind: 'text' as const,
  text: 'A message of ordinary length, as people write them in a group chat on a weekday evening.',
  imageUploadId: null,
  imageUrl: null,
  clientMsgId: `m${n}`,
  createdAt: new Date().toISOString(),
  editedAt: null,
  deletedAt: null,
});

process.send?.({ type: 'ready' });
process.on('message', (job: PublishJob) => {
  if (job?.type !== 'publish') return;
  const started = performance.now();
  let sent = 0;
  // Every millisecond tick sends what is due, so the rate holds without a timer per message.
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    const due = Math.min(Math.floor((elapsed / 1000) * job.rate), Math.floor((job.durationMs / 1000) * job.rate));
    for (; sent < due; sent++) {
      const m = message(sent);
      deliverToSockets(nc, messageCreatedSocket, { rooms: [`room:${m.roomId}`] }, m);
    }
    if (elapsed >= job.durationMs) {
      clearInterval(timer);
      void nc.flush().then(() =>
        process.send?.({
          type: 'published',
          messages: sent,
          seconds: (performance.now() - started) / 1000,
        } satisfies Published),
      );
    }
  }, 1);
});
