import type { Player } from './player.ts';

interface YtPlayer {
  loadVideoById(opts: { videoId: string; startSeconds: number }): void;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  pauseVideo(): void;
  destroy(): void;
}
interface YtNamespace {
  Player: new (el: HTMLElement, opts: { height: string; width: string; events: { onReady(): void } }) => YtPlayer;
}
declare global {
  interface Window {
    YT?: YtNamespace;
    onYouTubeIframeAPIReady?: () => void;
  }
}

let api: Promise<YtNamespace> | undefined;

/** The YouTube IFrame API, loaded once. */
function loadApi(): Promise<YtNamespace> {
  api ??= new Promise((resolve) => {
    if (window.YT?.Player) return resolve(window.YT);
    window.onYouTubeIframeAPIReady = () => resolve(window.YT as YtNamespace);
    const script = document.createElement('script');
    script.src = 'https://www.youtube.com/iframe_api';
    document.head.append(script);
  });
  return api;
}

/** YouTube's embedded player; calls made before it is ready wait for it. */
export function createYouTubePlayer(host: HTMLElement): Player {
  const el = document.createElement('div');
  host.append(el);
  const ready = loadApi().then(
    (YT) =>
      new Promise<YtPlayer>((resolve) => {
        const player: YtPlayer = new YT.Player(el, {
          height: '270',
          width: '480',
          events: { onReady: () => resolve(player) },
        });
      }),
  );
  return {
    play(videoId, positionMs) {
      void ready.then((p) => p.loadVideoById({ videoId, startSeconds: positionMs / 1000 }));
    },
    pause(positionMs) {
      void ready.then((p) => {
        p.pauseVideo();
        p.seekTo(positionMs / 1000, true);
      });
    },
    destroy() {
      void ready.then((p) => p.destroy());
      el.remove();
    },
  };
}
