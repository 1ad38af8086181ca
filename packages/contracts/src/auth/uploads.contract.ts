import { defineUploadContracts } from '../platform/uploads.contract.ts';

/** What auth takes uploads for. */
export const AUTH_UPLOAD_PURPOSES = ['avatar'] as const;

/**
 * Served by auth: uploads of account avatars (images: JPEG, PNG, WebP or GIF by their magic
 * bytes), set with `PATCH /api/v1/users/me` `{avatarUploadId}` once completed.
 */
export const authUploads = defineUploadContracts('auth', AUTH_UPLOAD_PURPOSES);
export const createAuthUpload = authUploads.createUpload;
export const completeAuthUpload = authUploads.completeUpload;
