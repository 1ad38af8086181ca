import type { Message } from '@seed/contracts';
import type { MessageRow } from './messages.repository.ts';

/** Turns an upload id into a URL a member can load (short-lived); null when it cannot. */
export type ImageUrlResolver = (uploadId: string) => Promise<string | null>;

export async function toMessage(row: MessageRow, imageUrl: ImageUrlResolver): Promise<Message> {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    roomId: row.roomId,
    authorId: row.authorId,
    kind: row.kind,
    text: deleted ? null : row.text,
    imageUploadId: deleted ? null : row.imageUploadId,
    imageUrl: !deleted && row.imageUploadId ? await imageUrl(row.imageUploadId) : null,
    clientMsgId: row.clientMsgId,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}
