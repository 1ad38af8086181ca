export { servePlaybackHandlers } from './playback.handlers.ts';
export { createPlaybackRepository, type PlaybackRepository, type StoredPlayback } from './playback.repository.ts';
export { createPlaybackService, type PlaybackService } from './playback.service.ts';
