import { completeChatUpload, createChatUpload } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { Uploads } from '@seed/runtime/uploads';

/** Binds chat's upload contracts to its uploads. */
export function serveUploadsHandlers(host: ServiceHost, uploads: Uploads): void {
  host.serve(createChatUpload, async (input, { caller }) => {
    const { upload, target, expiresAt } = await uploads.create(caller.userId, input);
    return { upload, uploadUrl: target.url, method: target.method, headers: target.headers, expiresAt };
  });
  host.serve(completeChatUpload, ({ uploadId }, { caller }) => uploads.complete(caller.userId, uploadId));
}
