const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com']);
const NOCOOKIE_HOSTS = new Set(['youtube-nocookie.com', 'www.youtube-nocookie.com']);
const SHORT_HOSTS = new Set(['youtu.be', 'www.youtu.be']);
/** Path forms that carry the id as their second segment: /shorts/ID, /embed/ID, /live/ID, /v/ID. */
const ID_PATHS = new Set(['shorts', 'embed', 'live', 'v']);

export interface YoutubeVideoRef {
  videoId: string;
  /** The canonical watch URL. */
  url: string;
}

export const watchUrl = (videoId: string): string => `https://www.youtube.com/watch?v=${videoId}`;

function parseUrl(input: string): URL | undefined {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

function idFrom(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  if (SHORT_HOSTS.has(host)) return segments[0];
  if (NOCOOKIE_HOSTS.has(host)) return segments[0] === 'embed' ? segments[1] : undefined;
  if (!YOUTUBE_HOSTS.has(host)) return undefined;
  if (segments.length === 1 && segments[0] === 'watch') return url.searchParams.get('v') ?? undefined;
  if (segments.length >= 2 && ID_PATHS.has(segments[0] as string)) return segments[1];
  return undefined;
}

/**
 * The video a YouTube URL names, or undefined when it is not one: `youtube.com/watch?v=`,
 * `youtu.be/`, `/shorts/`, `/embed/`, `/live/`, `/v/`, on www., m., music. and youtube-nocookie.com,
 * with or without the scheme; extra parameters (`t`, `si`, `list`) are dropped.
 */
export function parseYoutubeUrl(input: string): YoutubeVideoRef | undefined {
  const url = parseUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  const videoId = idFrom(url);
  if (!videoId || !VIDEO_ID.test(videoId)) return undefined;
  return { videoId, url: watchUrl(videoId) };
}
