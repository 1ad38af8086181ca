import { AppError } from '@seed/runtime';
import type { BlobStorage } from '@seed/runtime/uploads';
import type { AuthStore, Repositories } from '../db/store.ts';

/** The upload purpose of avatars. */
export const AVATAR = 'avatar';

/**
 * Avatars are completed `avatar` uploads of their owner, shown through short-lived read URLs;
 * those no account shows any more are removed by the cleanup.
 */
export function createAvatarsService(deps: { store: AuthStore; blobs: BlobStorage; readUrlTtlSec: number }) {
  return {
    /** Throws unless `uploadId` is a completed avatar upload of `userId` (checked inside `r`). */
    async checkUsable(r: Repositories, uploadId: string, userId: string): Promise<void> {
      const upload = await r.avatars.upload(uploadId);
      if (!upload || upload.ownerId !== userId || upload.purpose !== AVATAR)
        throw new AppError('upload_not_found', 'no avatar upload of yours with that id');
      if (!upload.completedAt)
        throw new AppError('unprocessable', 'the upload is not complete: send the bytes, then complete it');
    },

    /** Short-lived read URLs of the given avatar uploads, by upload id. */
    async urls(uploadIds: readonly (string | null)[]): Promise<Map<string, string>> {
      const ids = [...new Set(uploadIds.filter((id): id is string => id !== null))];
      if (!ids.length) return new Map();
      const objects = await deps.store.avatars.objects(ids);
      const signed = await Promise.all(
        objects.map(
          async (o) =>
            [
              o.id,
              await deps.blobs.readUrl(o.objectKey, { contentType: o.contentType, expiresInSec: deps.readUrlTtlSec }),
            ] as const,
        ),
      );
      return new Map(signed);
    },

    /** Removes avatars no account has shown for `maxAgeMs`, with their stored objects. */
    async removeUnused(maxAgeMs: number): Promise<number> {
      const keys = await deps.store.avatars.deleteUnused(AVATAR, new Date(Date.now() - maxAgeMs));
      for (const key of keys) await deps.blobs.delete(key).catch(() => {});
      return keys.length;
    },
  };
}
export type AvatarsService = ReturnType<typeof createAvatarsService>;
