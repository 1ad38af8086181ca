import type { JetStreamClient } from '@nats-io/jetstream';
import { type ChatUser, type Message, pushSend } from '@seed/contracts';
import { enqueueJob, type JobsTopology, type PresenceReader } from '@seed/runtime';
import type { NewMessageListener } from '../messages/index.ts';

const PREVIEW = 140;

/** What a push says about a message. */
export function pushContent(message: Message, author: ChatUser) {
  const body = message.kind === 'image' ? (message.text ? `📷 ${message.text}` : '📷 Photo') : (message.text ?? '');
  return {
    title: author.name ?? author.nickname,
    body: body.length > PREVIEW ? `${body.slice(0, PREVIEW - 1)}…` : body,
  };
}

/**
 * Members with no socket connected on any gateway get a push for a new message, collapsed per
 * room on their devices. The job id makes a repeated enqueue of the same push harmless.
 */
export function createOfflinePush(deps: {
  js: JetStreamClient;
  topology: JobsTopology;
  presence: Pick<PresenceReader, 'onlineUsers'>;
}): NewMessageListener {
  return {
    async messageCreated(message, author, recipients) {
      const others = recipients.filter((id) => id !== message.authorId);
      if (others.length === 0) return;
      const online = await deps.presence.onlineUsers(others);
      const content = pushContent(message, author);
      await Promise.all(
        others
          .filter((id) => !online.has(id))
          .map((userId) =>
            enqueueJob(
              deps.js,
              pushSend,
              {
                jobId: `chat-message:${message.id}:${userId}`,
                userId,
                collapseKey: `room:${message.roomId}`,
                notification: content,
                data: { type: 'chat.message', roomId: message.roomId, messageId: message.id },
              },
              { id: `chat-message:${message.id}:${userId}`, topology: deps.topology },
            ),
          ),
      );
    },
  };
}
