import { completeAuthUpload, createAuthUpload } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { Uploads } from '@seed/runtime/uploads';

/** Binds auth's upload contracts (avatars) to its uploads. */
export function serveAvatarsHandlers(host: ServiceHost, uploads: Uploads): void {
  host.serve(createAuthUpload, async (input, { caller }) => {
    const { upload, target, expiresAt } = await uploads.create(caller.userId, input);
    return { upload, uploadUrl: target.url, method: target.method, headers: target.headers, expiresAt };
  });
  host.serve(completeAuthUpload, ({ uploadId }, { caller }) => uploads.complete(caller.userId, uploadId));
}
