export { CHAT_IMAGE, chatImages, createChatUploads } from './chat-images.ts';
export { serveUploadsHandlers } from './uploads.handlers.ts';
