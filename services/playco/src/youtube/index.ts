export { createOembedClient, type VideoMetadataSource } from './oembed-client.ts';
export { parseYoutubeUrl } from './youtube-url.ts';
