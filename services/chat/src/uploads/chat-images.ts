import { type BlobStorage, createUploads, IMAGE_TYPES, type Uploads } from '@seed/runtime/uploads';
import type { ChatConfig } from '../config.ts';
import type { ChatDatabase } from '../db/database.ts';
import { uploads as uploadsTable } from '../db/schema.ts';
import type { MessageImages } from '../messages/index.ts';

export const CHAT_IMAGE = 'chat_image';

/** Message images are the author's completed `chat_image` uploads, shown through short-lived URLs. */
export function chatImages(uploads: Uploads): MessageImages {
  return {
    usable: (uploadId, userId) => uploads.usable(uploadId, userId, CHAT_IMAGE),
    url: (uploadId) => uploads.readUrl(uploadId),
  };
}

/** Chat's uploads: its own table, object keys under `chat/`, one purpose (message images). */
export function createChatUploads(deps: {
  config: ChatConfig;
  database: ChatDatabase;
  storage: BlobStorage;
  nextId: () => string;
}): Uploads {
  const { config } = deps;
  return createUploads({
    db: deps.database.db,
    table: uploadsTable,
    storage: deps.storage,
    purposes: [{ name: CHAT_IMAGE, maxBytes: config.CHAT_IMAGE_MAX_BYTES, contentTypes: IMAGE_TYPES }],
    nextId: deps.nextId,
    keyPrefix: 'chat',
    uploadUrlTtlSec: config.UPLOAD_URL_TTL_SEC,
    readUrlTtlSec: config.READ_URL_TTL_SEC,
  });
}
