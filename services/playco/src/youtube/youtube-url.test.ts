import { describe, expect, it } from 'vitest';
import { parseYoutubeUrl } from './youtube-url.ts';

const ID = 'dQw4w9WgXcQ';
const canonical = { videoId: ID, url: `https://www.youtube.com/watch?v=${ID}` };

describe('YouTube URLs', () => {
  it.each([
    `https://www.youtube.com/watch?v=${ID}`,
    `https://youtube.com/watch?v=${ID}&t=42s&list=PL123`,
    `http://m.youtube.com/watch?feature=share&v=${ID}`,
    `https://music.youtube.com/watch?v=${ID}&si=abc`,
    `https://youtu.be/${ID}`,
    `https://youtu.be/${ID}?si=xyz&t=10`,
    `https://www.youtube.com/shorts/${ID}`,
    `https://youtube.com/shorts/${ID}?feature=share`,
    `https://www.youtube.com/embed/${ID}`,
    `https://www.youtube.com/live/${ID}`,
    `https://www.youtube-nocookie.com/embed/${ID}`,
    `www.youtube.com/watch?v=${ID}`,
    `youtu.be/${ID}`,
    `  https://WWW.YOUTUBE.COM/watch?v=${ID}  `,
  ])('normalises %s to the video id', (url) => {
    expect(parseYoutubeUrl(url)).toEqual(canonical);
  });

  it.each([
    '',
    'not a url',
    'https://vimeo.com/123456789',
    `https://www.youtube.com.evil.example/watch?v=${ID}`,
    `https://evilyoutube.com/watch?v=${ID}`,
    'https://www.youtube.com/watch?v=short',
    `https://www.youtube.com/watch?v=${ID}x`,
    'https://www.youtube.com/watch',
    'https://www.youtube.com/channel/UC1234567890',
    `ftp://youtu.be/${ID}`,
    `javascript://youtu.be/${ID}`,
    `https://user:pw@youtu.be/${ID}`,
    'https://youtu.be/',
    `https://www.youtube.com/watch/${ID}`,
  ])('refuses %s', (url) => {
    expect(parseYoutubeUrl(url)).toBeUndefined();
  });
});
