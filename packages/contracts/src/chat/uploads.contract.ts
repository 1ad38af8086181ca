import { defineUploadContracts } from '../platform/uploads.contract.ts';

/** What chat takes uploads for. */
export const CHAT_UPLOAD_PURPOSES = ['chat_image'] as const;

/** Served by chat: uploads of images for messages (`imageUploadId` of a send). */
export const chatUploads = defineUploadContracts('chat', CHAT_UPLOAD_PURPOSES);
export const createChatUpload = chatUploads.createUpload;
export const completeChatUpload = chatUploads.completeUpload;
