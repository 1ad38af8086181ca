import type { Message } from '@seed/contracts';
import type { MessageRow } from './messages.repository.ts';

/** Turns an upload id into a URL a member can load (short-lived); null when it cannot. */
export type ImageUrlResolver = (uploadId: string) => Promise<string | null>;

function imageOf(row: MessageRow, resolve: ImageUrlResolver): Promise<string | null> | string | null {
  if (row.imageUrl) return row.imageUrl;
  return row.imageUploadId ? resolve(row.imageUploadId) : null;
}

export async function toMessage(row: MessageRow, imageUrl: ImageUrlResolver): Promise<Message> {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    roomId: row.roomId,
    authorId: row.authorId,
    kind: row.kind,
    text: deleted ? null : row.text,
    imageUploadId: deleted ? null : row.imageUploadId,
    imageUrl: deleted ? null : await imageOf(row, imageUrl),
    clientMsgId: row.clientMsgId,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}
