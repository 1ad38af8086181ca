import type { Uploads } from '@seed/runtime/uploads';
import type { MessageImages } from '../messages/messages.service.ts';

export const CHAT_IMAGE = 'chat_image';

/** Message images are the author's completed `chat_image` uploads, shown through short-lived URLs. */
export function chatImages(uploads: Uploads): MessageImages {
  return {
    usable: (uploadId, userId) => uploads.usable(uploadId, userId, CHAT_IMAGE),
    url: (uploadId) => uploads.readUrl(uploadId),
  };
}
