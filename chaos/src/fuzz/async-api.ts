import type { JsonSchema } from './json-schema.ts';

/** A message a client sends on a socket channel, as the AsyncAPI document describes it. */
export interface ClientMessage {
  /** The Socket.IO event name, or the raw WebSocket frame type. */
  name: string;
  payload: JsonSchema;
}

/**
 * The messages clients send on one channel (`socket.root`, `socket.rooms`, `socket.playco_ws`,
 * `raw.ws`): the channel's `receive` operations.
 */
export function clientMessages(asyncapi: JsonSchema, channelId: string): ClientMessage[] {
  const operations = Object.values((asyncapi.operations ?? {}) as Record<string, JsonSchema>);
  const channel = ((asyncapi.channels ?? {}) as Record<string, { messages?: Record<string, JsonSchema> }>)[channelId];
  return operations
    .filter((op) => op.action === 'receive' && (op.channel as { $ref: string }).$ref === `#/channels/${channelId}`)
    .flatMap((op) => (op.messages as { $ref: string }[]).map((m) => m.$ref.split('/').pop() as string))
    .map((id) => channel?.messages?.[id] as JsonSchema)
    .filter(Boolean)
    .map((m) => ({ name: String(m.name), payload: (m.payload ?? {}) as JsonSchema }));
}
